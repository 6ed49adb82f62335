package io.jasyncio.bench.files;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * The command line of the file programs: {@code N A B DATA} for {@code file-small} (N files of A
 * bytes, at most B open at once, in directory DATA) and {@code N A DATA} for {@code file-read}
 * (N MiB read in chunks of A bytes from file DATA), as the harness passes them.
 *
 * @param n files, or MiB
 * @param a bytes per file, or bytes per read
 * @param b files open at once ({@code file-small}), else 0
 * @param data the data set: the directory of small files, or the big file
 */
public record FileArgs(int n, int a, int b, Path data) {
    /**
     * Parses {@code N A DATA}.
     *
     * @throws IllegalArgumentException if there are not three arguments or a count is not a positive number
     */
    public static FileArgs read(String[] args) {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: MIB CHUNK_BYTES FILE, not " + Arrays.toString(args));
        }
        return new FileArgs(positive(args[0]), positive(args[1]), 0, Path.of(args[2]));
    }

    /**
     * Parses {@code N A B DATA}.
     *
     * @throws IllegalArgumentException if there are not four arguments or a count is not a positive number
     */
    public static FileArgs small(String[] args) {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: FILES FILE_BYTES OPEN_AT_ONCE DIRECTORY, not " + Arrays.toString(args));
        }
        return new FileArgs(positive(args[0]), positive(args[1]), positive(args[2]), Path.of(args[3]));
    }

    /** The path of small file {@code i} in {@link #data}. */
    public Path smallFile(int i) {
        return data.resolve(Integer.toString(i));
    }

    private static int positive(String s) {
        int v = Integer.parseInt(s.replace("_", ""));
        if (v < 1) {
            throw new IllegalArgumentException("must be at least 1: " + s);
        }
        return v;
    }
}
