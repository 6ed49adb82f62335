package io.jasyncio.uring;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The C library calls the ring needs, bound once through {@link Linker#nativeLinker()}: the
 * io_uring system calls through {@code syscall(2)} (glibc has no wrappers for them), the ring
 * mappings, and the eventfd that wakes a waiting loop.
 *
 * <p>Calls that can fail return {@code -errno} instead of {@code -1}, reading errno through
 * {@link Linker.Option#captureCallState}: the caller passes the capture segment, one per thread
 * that calls (the ring's for its loop thread, a fresh one for the probe).
 */
final class Syscalls {
    /*
     * Implementation notes.
     *
     * syscall(2) is variadic; every argument is passed as a 64-bit long (pointers as their
     * address) so no register carries undefined upper bits into the kernel, and unused
     * trailing arguments are harmless. The handles are looked up lazily through a holder, so
     * that merely loading this class (from the provider's probe) restricts nothing.
     */
    static final int SYS_IO_URING_SETUP = 425;
    static final int SYS_IO_URING_ENTER = 426;
    static final int SYS_IO_URING_REGISTER = 427;

    static final int EPERM = 1;
    static final int EINTR = 4;
    static final int EBADF = 9;
    static final int EAGAIN = 11;
    static final int ENOMEM = 12;
    static final int EACCES = 13;
    static final int EBUSY = 16;
    static final int EINVAL = 22;
    static final int ENOSYS = 38;
    static final int ENOENT = 2;
    static final int ETIME = 62;
    static final int ECANCELED = 125;
    static final int EALREADY = 114;

    static final int PROT_READ = 1;
    static final int PROT_WRITE = 2;
    static final int MAP_SHARED = 1;
    static final int MAP_POPULATE = 0x8000;
    static final int EFD_CLOEXEC = 0x80000;
    static final int EFD_NONBLOCK = 0x800;

    private Syscalls() {
    }

    /** The layout of the errno capture segment to allocate for {@code state} arguments. */
    static StructLayout captureLayout() {
        return Linker.Option.captureStateLayout();
    }

    /** A capture segment for one thread's calls. */
    static MemorySegment newCaptureState(Arena arena) {
        return arena.allocate(captureLayout());
    }

    /** {@code syscall(nr, a, b, c, d, e, f)}: the result, or {@code -errno}. */
    static long syscall(MemorySegment state, long nr, long a, long b, long c, long d, long e, long f) {
        try {
            long r = (long) Handles.SYSCALL.invokeExact(state, nr, a, b, c, d, e, f);
            return r == -1 ? -errno(state) : r;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** io_uring_setup(entries, params): the ring's descriptor, or {@code -errno}. */
    static int ioUringSetup(MemorySegment state, int entries, MemorySegment params) {
        return (int) syscall(state, SYS_IO_URING_SETUP, entries, params.address(), 0, 0, 0, 0);
    }

    /** io_uring_enter(fd, toSubmit, minComplete, flags, arg, argSize): submitted count, or {@code -errno}. */
    static int ioUringEnter(MemorySegment state, int fd, int toSubmit, int minComplete, int flags,
            long arg, long argSize) {
        return (int) syscall(state, SYS_IO_URING_ENTER, fd, toSubmit, minComplete, flags, arg, argSize);
    }

    /**
     * io_uring_enter without reading errno: the submitted count, or -1 on any failure. The
     * loop's hot path: capturing errno costs an allocation per call until the JIT's last tier
     * removes it, and the loop tells failures apart with {@link #ioUringEnter} afterwards.
     */
    static int ioUringEnterNoErrno(int fd, int toSubmit, int minComplete, int flags, long arg, long argSize) {
        try {
            return (int) (long) Handles.SYSCALL_NO_ERRNO.invokeExact((long) SYS_IO_URING_ENTER, (long) fd,
                    (long) toSubmit, (long) minComplete, (long) flags, arg, argSize);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** io_uring_register(fd, opcode, arg, nrArgs): the result, or {@code -errno}. */
    static int ioUringRegister(MemorySegment state, int fd, int opcode, long arg, int nrArgs) {
        return (int) syscall(state, SYS_IO_URING_REGISTER, fd, opcode, arg, nrArgs, 0, 0);
    }

    /** mmap(NULL, length, READ|WRITE, SHARED|POPULATE, fd, offset): the mapping's address, or {@code -errno}. */
    static long mmapShared(MemorySegment state, long length, int fd, long offset) {
        try {
            MemorySegment r = (MemorySegment) Handles.MMAP.invokeExact(state, MemorySegment.NULL, length,
                    PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, offset);
            return r.address() == -1L ? -errno(state) : r.address();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** munmap(address, length). */
    static void munmap(long address, long length) {
        try {
            int unused = (int) Handles.MUNMAP.invokeExact(MemorySegment.ofAddress(address), length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** eventfd(0, CLOEXEC|NONBLOCK): the descriptor, or {@code -errno}. */
    static int eventfd(MemorySegment state) {
        try {
            int r = (int) Handles.EVENTFD.invokeExact(state, 0, EFD_CLOEXEC | EFD_NONBLOCK);
            return r == -1 ? -errno(state) : r;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** write(fd, buf, 8) of an 8-byte counter; any thread; the result is ignored by design. */
    static long write(int fd, MemorySegment buf, long length) {
        try {
            return (long) Handles.WRITE.invokeExact(fd, buf, length);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** close(fd). */
    static void close(int fd) {
        try {
            int unused = (int) Handles.CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static int errno(MemorySegment state) {
        return (int) Handles.ERRNO.get(state, 0L);
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }

    /** The bound functions; initialising this class performs the restricted look-ups. */
    private static final class Handles {
        static final Linker LINKER = Linker.nativeLinker();
        static final SymbolLookup LIBC = LINKER.defaultLookup();
        static final Linker.Option CAPTURE = Linker.Option.captureCallState("errno");
        static final VarHandle ERRNO = captureLayout().varHandle(MemoryLayout.PathElement.groupElement("errno"));
        static final ValueLayout.OfLong L = ValueLayout.JAVA_LONG;
        static final ValueLayout.OfInt I = ValueLayout.JAVA_INT;
        static final MethodHandle SYSCALL = LINKER.downcallHandle(find("syscall"),
                FunctionDescriptor.of(L, L, L, L, L, L, L, L), CAPTURE, Linker.Option.firstVariadicArg(1));
        static final MethodHandle SYSCALL_NO_ERRNO = LINKER.downcallHandle(find("syscall"),
                FunctionDescriptor.of(L, L, L, L, L, L, L, L), Linker.Option.firstVariadicArg(1));
        static final MethodHandle MMAP = LINKER.downcallHandle(find("mmap"),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, L, I, I, I, L), CAPTURE);
        static final MethodHandle MUNMAP = LINKER.downcallHandle(find("munmap"),
                FunctionDescriptor.of(I, ValueLayout.ADDRESS, L));
        static final MethodHandle EVENTFD = LINKER.downcallHandle(find("eventfd"),
                FunctionDescriptor.of(I, I, I), CAPTURE);
        static final MethodHandle WRITE = LINKER.downcallHandle(find("write"),
                FunctionDescriptor.of(L, I, ValueLayout.ADDRESS, L), Linker.Option.critical(false));
        static final MethodHandle CLOSE = LINKER.downcallHandle(find("close"), FunctionDescriptor.of(I, I));

        private static MemorySegment find(String name) {
            return LIBC.find(name).orElseThrow(() -> new UnsatisfiedLinkError("no " + name + " in the C library"));
        }
    }
}
