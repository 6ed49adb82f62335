package io.jasyncio.file;

import io.jasyncio.EventLoop;

/**
 * Offers a {@link FileBackend} for the loops of one kind, found through
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.jasyncio.file.FileBackendProvider},
 * or {@code provides} in a module descriptor). A loop module ships one so that files opened on its
 * loops use its own operations; loops no provider claims get the virtual-thread backend.
 *
 * <p>An implementation must be cheap to construct and must not touch native resources until
 * {@link #fileBackend} returns a backend.
 */
public interface FileBackendProvider {
    /**
     * The backend for files opened on {@code loop}, or null if this provider does not serve that
     * loop. Called on the loop thread each time a file is opened, so it should be cheap.
     */
    FileBackend fileBackend(EventLoop loop);
}
