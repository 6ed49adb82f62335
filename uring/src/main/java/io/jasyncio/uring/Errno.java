package io.jasyncio.uring;

/** Names for the errno values the ring reports, for messages. */
final class Errno {
    private Errno() {
    }

    /** "ENOSYS (38)" for the errnos the ring meets, "errno 99" for the rest. */
    static String describe(int errno) {
        String name = switch (errno) {
            case Syscalls.EPERM -> "EPERM";
            case Syscalls.ENOENT -> "ENOENT";
            case Syscalls.EINTR -> "EINTR";
            case Syscalls.EBADF -> "EBADF";
            case Syscalls.EAGAIN -> "EAGAIN";
            case Syscalls.ENOMEM -> "ENOMEM";
            case Syscalls.EACCES -> "EACCES";
            case Syscalls.EBUSY -> "EBUSY";
            case Syscalls.EINVAL -> "EINVAL";
            case Syscalls.ENOSYS -> "ENOSYS";
            case Syscalls.ETIME -> "ETIME";
            case Syscalls.EALREADY -> "EALREADY";
            case Syscalls.ECANCELED -> "ECANCELED";
            default -> null;
        };
        return name == null ? "errno " + errno : name + " (" + errno + ")";
    }
}
