package io.jasyncio.uring;

/** A failed io_uring or ring-related system call, with its errno. */
final class UringException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int errno;

    UringException(String call, int errno) {
        super(call + " failed: " + Errno.describe(errno));
        this.errno = errno;
    }

    /** The errno the call failed with. */
    int errno() {
        return errno;
    }
}
