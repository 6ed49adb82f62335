package io.jasyncio.uring;

import io.jasyncio.EventLoop;
import io.jasyncio.file.FileBackend;
import io.jasyncio.file.FileBackendProvider;

/**
 * Gives files opened on a {@link UringEventLoop} the io_uring file backend (IORING_OP_OPENAT,
 * READ, WRITE, STATX, FSYNC, FTRUNCATE, CLOSE submitted by the loop itself, no threads);
 * registered in {@code META-INF/services/io.jasyncio.file.FileBackendProvider}. Other loops are
 * not its business: they keep core's virtual-thread backend.
 */
public final class UringFileBackendProvider implements FileBackendProvider {
    /** A provider; what ServiceLoader calls. */
    public UringFileBackendProvider() {
    }

    /** The io_uring backend for a {@link UringEventLoop}, null for any other loop. */
    @Override
    public FileBackend fileBackend(EventLoop loop) {
        return loop instanceof UringEventLoop u ? new UringFileBackend(u.backend(), u) : null;
    }
}
