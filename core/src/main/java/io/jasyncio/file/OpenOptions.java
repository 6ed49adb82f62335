package io.jasyncio.file;

import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/** The open options {@link AsyncFile#open} accepts, normalised so that every backend sees the same set. */
final class OpenOptions {
    private OpenOptions() {
    }

    /**
     * {@code options} as every backend sees them: checked as FileChannel checks them, READ when
     * neither READ nor WRITE is given, WRITE with APPEND, and no CREATE, CREATE_NEW or
     * TRUNCATE_EXISTING on a file opened only to read.
     */
    static Set<OpenOption> normalise(Set<? extends OpenOption> options) {
        Set<OpenOption> opts = new HashSet<>();
        for (OpenOption o : options) {
            if (o == null) {
                throw new NullPointerException("an open option is null");
            }
            if (!(o instanceof StandardOpenOption) && o != LinkOption.NOFOLLOW_LINKS) {
                throw new UnsupportedOperationException("unsupported open option: " + o);
            }
            opts.add(o);
        }
        if (opts.contains(StandardOpenOption.APPEND)) {
            if (opts.contains(StandardOpenOption.READ)) {
                throw new IllegalArgumentException("READ + APPEND not allowed");
            }
            if (opts.contains(StandardOpenOption.TRUNCATE_EXISTING)) {
                throw new IllegalArgumentException("APPEND + TRUNCATE_EXISTING not allowed");
            }
            opts.add(StandardOpenOption.WRITE);
        }
        if (!opts.contains(StandardOpenOption.WRITE)) {
            opts.add(StandardOpenOption.READ);
            // As FileChannel: creating and truncating mean nothing to a file opened only to read.
            opts.remove(StandardOpenOption.CREATE);
            opts.remove(StandardOpenOption.CREATE_NEW);
            opts.remove(StandardOpenOption.TRUNCATE_EXISTING);
        }
        return opts;
    }
}
