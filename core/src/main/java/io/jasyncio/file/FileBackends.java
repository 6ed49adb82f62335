package io.jasyncio.file;

import io.jasyncio.EventLoop;
import java.util.List;
import java.util.ServiceLoader;

/** Picks the file backend of a loop: a provider's, or the virtual-thread one. */
final class FileBackends {
    /**
     * {@code -Djasyncio.files=threads} makes every loop use the virtual-thread backend, to compare
     * it with a loop's own (the benchmarks do).
     */
    static final String PROPERTY = "jasyncio.files";

    private FileBackends() {
    }

    private static final class Providers {
        static final List<FileBackendProvider> ALL = ServiceLoader.load(FileBackendProvider.class).stream()
                .map(ServiceLoader.Provider::get).toList();
    }

    static FileBackend of(EventLoop loop) {
        String forced = System.getProperty(PROPERTY);
        if (forced != null && !forced.isBlank()) {
            if (forced.trim().equalsIgnoreCase(ThreadFileBackend.NAME)) {
                return ThreadFileBackend.INSTANCE;
            }
            if (!forced.trim().equalsIgnoreCase("auto")) {
                throw new IllegalArgumentException("-D" + PROPERTY + "=" + forced + " names no file backend; known: auto, threads");
            }
        }
        for (FileBackendProvider p : Providers.ALL) {
            FileBackend b = p.fileBackend(loop);
            if (b != null) {
                return b;
            }
        }
        return ThreadFileBackend.INSTANCE;
    }
}
