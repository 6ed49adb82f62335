package io.jasyncio.uring;

import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.EventLoop;
import io.jasyncio.EventLoopProvider;
import io.jasyncio.uring.UringAvailability.Probe;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Each cause that stops the loop gets its own message, naming the fix. */
class UringAvailabilityTest {
    private static final int ALL_FEATURES = -1;

    private static Probe probe(int errno, int disabled, int seccomp) {
        return new Probe("Linux", true, true, errno, errno == 0 ? ALL_FEATURES : 0, disabled, seccomp);
    }

    private static void assertMentions(String message, String... parts) {
        assertNotNull(message);
        for (String p : parts) {
            assertTrue(message.contains(p), "\"" + message + "\" should mention " + p);
        }
    }

    @Test
    void aWorkingRingIsAvailable() {
        assertNull(UringAvailability.reason(probe(0, 0, 0)));
        assertNull(UringAvailability.reason(probe(0, -1, -1)), "no sysctl (kernels before 6.6) and no /proc is fine");
    }

    @Test
    void enosysWithoutAFilterIsAKernelWithoutIoUring() {
        assertMentions(UringAvailability.reason(probe(Syscalls.ENOSYS, -1, 0)), "ENOSYS", "CONFIG_IO_URING", "5.11");
    }

    @Test
    void enosysUnderASeccompFilterBlamesTheFilter() {
        assertMentions(UringAvailability.reason(probe(Syscalls.ENOSYS, 0, 2)), "seccomp", "Seccomp: 2", "io_uring_setup");
    }

    @Test
    void theSysctlIsNamedWithItsValue() {
        assertMentions(UringAvailability.reason(probe(Syscalls.EPERM, 2, 0)), "kernel.io_uring_disabled = 2", "set it to 0");
        assertMentions(UringAvailability.reason(probe(Syscalls.EACCES, 1, 0)), "kernel.io_uring_disabled = 1",
                "kernel.io_uring_group", "EACCES");
    }

    @Test
    void epermUnderASeccompFilterIsDockersDefaultProfile() {
        assertMentions(UringAvailability.reason(probe(Syscalls.EPERM, 0, 2)), "seccomp", "EPERM", "Docker");
    }

    @Test
    void epermWithNoKnownCauseSuspectsASecurityModule() {
        assertMentions(UringAvailability.reason(probe(Syscalls.EPERM, 0, 0)), "EPERM", "security module");
    }

    @Test
    void aKernelWithoutExtArgIsTooOldAndSaysWhichVersionAddsIt() {
        Probe old = new Probe("Linux", true, true, 0, Uring.IORING_FEAT_SINGLE_MMAP | Uring.IORING_FEAT_NODROP, 0, 0);
        assertMentions(UringAvailability.reason(old), "IORING_FEAT_EXT_ARG", "Linux 5.11");
    }

    @Test
    void missingJvmFlagsAreNamed() {
        assertMentions(UringAvailability.reason(new Probe("Linux", false, true, 0, ALL_FEATURES, 0, 0)),
                "--enable-native-access=ALL-UNNAMED");
        assertMentions(UringAvailability.reason(new Probe("Linux", true, false, 0, ALL_FEATURES, 0, 0)),
                "--add-exports java.base/sun.nio.ch=ALL-UNNAMED");
    }

    @Test
    void otherSystemsAndErrorsAreSaidPlainly() {
        assertMentions(UringAvailability.reason(new Probe("Mac OS X", true, true, 0, 0, -1, -1)), "only on Linux", "Mac OS X");
        assertMentions(UringAvailability.reason(probe(Syscalls.ENOMEM, 0, 0)), "ENOMEM", "RLIMIT_MEMLOCK");
        assertMentions(UringAvailability.reason(probe(99, 0, 0)), "errno 99");
    }

    @Test
    void thisMachineRunsTheLoopAndTheProviderIsFoundByName() {
        EventLoopProvider provider = ServiceLoader.load(EventLoopProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("uring"))
                .findFirst().orElseThrow();
        assertNull(provider.unavailableReason(), "the test machine has io_uring (kernel 6.x, no seccomp)");
        try (EventLoop loop = provider.create()) {
            assertInstanceOf(UringEventLoop.class, loop);
        }
    }
}
