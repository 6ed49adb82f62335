package io.jasyncio.file;

import io.jasyncio.stream.StreamWriter;
import io.jasyncio.stream.Transport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whole-file helpers over {@link AsyncFile}, shaped like {@link java.nio.file.Files}: read and
 * write bytes and text, copy, and send a file to a connection without copying it through the JVM.
 * Each suspends the calling task (a cancellation point) and runs on the loop's file backend (see
 * {@link AsyncFile}); errors are those {@code Files} throws.
 *
 * {@snippet :
 * String config = AsyncFiles.readString(Path.of("app.conf"));
 * AsyncFiles.writeString(Path.of("out.txt"), report);
 * long sent = AsyncFiles.sendFile(writer, Path.of("index.html"));   // sendfile(2) where it can
 * }
 *
 * <p><b>Differs from aiofiles:</b> aiofiles.os wraps each {@code os} call in a thread; these
 * read and write whole files in one call, and {@link #sendFile} reaches the kernel's sendfile
 * through the transport, which asyncio offers as {@code loop.sendfile} and aiofiles not at all.
 */
public final class AsyncFiles {
    /** The chunk size of {@link #copy} and of {@link #sendFile(StreamWriter, Path)}'s fallback. */
    static final int COPY_CHUNK = 256 * 1024;

    private AsyncFiles() {
    }

    /**
     * The whole content of the file at {@code path}.
     *
     * @throws java.nio.file.NoSuchFileException if it does not exist
     * @throws OutOfMemoryError if it is larger than an array can be
     * @throws IOException if reading fails
     */
    public static byte[] readAllBytes(Path path) throws IOException {
        try (AsyncFile f = AsyncFile.open(path, StandardOpenOption.READ)) {
            return f.readAll();
        }
    }

    /** {@link #readString(Path, Charset)} in UTF-8. */
    public static String readString(Path path) throws IOException {
        return readString(path, StandardCharsets.UTF_8);
    }

    /**
     * The whole content of the file at {@code path} decoded with {@code charset}.
     *
     * @throws java.nio.charset.MalformedInputException if the bytes are not valid in {@code charset}
     * @throws IOException as {@link #readAllBytes}
     */
    public static String readString(Path path, Charset charset) throws IOException {
        byte[] data = readAllBytes(path);
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(data)).toString();
    }

    /** {@link #readAllLines(Path, Charset)} in UTF-8. */
    public static List<String> readAllLines(Path path) throws IOException {
        return readAllLines(path, StandardCharsets.UTF_8);
    }

    /**
     * The lines of the file at {@code path}, split as {@link AsyncFile#lines(Charset)} splits them.
     *
     * @throws java.nio.charset.MalformedInputException if the bytes are not valid in {@code charset}
     * @throws IOException as {@link #readAllBytes}
     */
    public static List<String> readAllLines(Path path, Charset charset) throws IOException {
        try (AsyncFile f = AsyncFile.open(path, StandardOpenOption.READ)) {
            List<String> lines = new ArrayList<>();
            try {
                for (String line : f.lines(charset)) {
                    lines.add(line);
                }
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
            return lines;
        }
    }

    /**
     * Writes {@code data} to the file at {@code path}, as {@link Files#write(Path, byte[], OpenOption...)}:
     * with no options, creates the file or truncates it first (CREATE, TRUNCATE_EXISTING, WRITE).
     *
     * @return {@code path}
     * @throws IOException if opening or writing fails
     */
    public static Path write(Path path, byte[] data, OpenOption... options) throws IOException {
        try (AsyncFile f = AsyncFile.open(path, writeOptions(options))) {
            f.writeAll(data);
        }
        return path;
    }

    /** {@link #writeString(Path, CharSequence, Charset, OpenOption...)} in UTF-8. */
    public static Path writeString(Path path, CharSequence text, OpenOption... options) throws IOException {
        return writeString(path, text, StandardCharsets.UTF_8, options);
    }

    /**
     * Writes {@code text} encoded with {@code charset} to the file at {@code path}, with the
     * options of {@link #write}.
     *
     * @return {@code path}
     * @throws java.nio.charset.UnmappableCharacterException if {@code charset} cannot encode it
     * @throws IOException if opening or writing fails
     */
    public static Path writeString(Path path, CharSequence text, Charset charset, OpenOption... options) throws IOException {
        ByteBuffer bytes = charset.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .encode(CharBuffer.wrap(text));
        try (AsyncFile f = AsyncFile.open(path, writeOptions(options))) {
            f.write(bytes);
        }
        return path;
    }

    private static Set<OpenOption> writeOptions(OpenOption... options) {
        Set<OpenOption> opts = new HashSet<>(Arrays.asList(options));
        if (opts.isEmpty()) {
            opts.add(StandardOpenOption.CREATE);
            opts.add(StandardOpenOption.TRUNCATE_EXISTING);
        }
        opts.add(StandardOpenOption.WRITE);
        return opts;
    }

    /**
     * Copies the file at {@code source} to {@code target} in 256 KiB chunks through the loop's
     * file backend, and returns the bytes copied. Options as {@link Files#copy(Path, Path, CopyOption...)}:
     * {@link StandardCopyOption#REPLACE_EXISTING} replaces an existing target (else it is an
     * error), {@link LinkOption#NOFOLLOW_LINKS} refuses a symbolic link at {@code source}
     * ({@code Files.copy} would copy the link itself); copying a file onto itself does nothing.
     *
     * <p>If the copy fails or is cancelled part-way, the target is left with what was copied so
     * far; {@code Files.copy} deletes it. Attributes are not copied.
     *
     * @throws java.nio.file.NoSuchFileException if {@code source} does not exist
     * @throws java.nio.file.FileAlreadyExistsException if {@code target} exists and
     *         REPLACE_EXISTING was not given
     * @throws UnsupportedOperationException for COPY_ATTRIBUTES, ATOMIC_MOVE or another option
     * @throws IOException if reading or writing fails
     */
    public static long copy(Path source, Path target, CopyOption... options) throws IOException {
        boolean replace = false;
        boolean nofollow = false;
        for (CopyOption o : options) {
            if (o == StandardCopyOption.REPLACE_EXISTING) {
                replace = true;
            } else if (o == LinkOption.NOFOLLOW_LINKS) {
                nofollow = true;
            } else {
                throw new UnsupportedOperationException("unsupported copy option: " + o);
            }
        }
        if (replace && Offload.call(() -> Files.exists(target) && Files.isSameFile(source, target), null)) {
            return Offload.call(() -> Files.size(source), null);
        }
        Set<OpenOption> in = nofollow ? Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS) : Set.of(StandardOpenOption.READ);
        try (AsyncFile from = AsyncFile.open(source, in)) {
            Set<OpenOption> out = replace
                    ? Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING)
                    : Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
            try (AsyncFile to = AsyncFile.open(target, out)) {
                long copied = 0;
                for (byte[] chunk : from.chunks(COPY_CHUNK)) {
                    to.writeAll(chunk);
                    copied += chunk.length;
                }
                return copied;
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
        }
    }

    /**
     * Sends the whole file at {@code path} to {@code transport} with the kernel's sendfile: the
     * bytes go from the page cache to the socket without passing through the JVM. Suspends until
     * every byte is handed to the socket; see {@link Transport#sendfile}.
     *
     * @return the bytes sent
     * @throws UnsupportedOperationException if the transport cannot sendfile (TLS); use
     *         {@link #sendFile(StreamWriter, Path)}, which falls back to copying
     * @throws java.nio.file.NoSuchFileException if the file does not exist
     * @throws io.jasyncio.stream.ConnectionResetException if the connection closes first
     * @throws IOException if reading the file or writing the socket fails
     */
    public static long sendFile(Transport transport, Path path) throws IOException {
        return sendFile(transport, path, 0, -1);
    }

    /**
     * Sends {@code count} bytes of the file at {@code path} from {@code position} (-1: to the
     * end) to {@code transport} with the kernel's sendfile, as {@link #sendFile(Transport, Path)}.
     * Fewer bytes are sent only if the file ends first.
     *
     * @return the bytes sent
     * @throws IllegalArgumentException if {@code position} is negative or {@code count} less than -1
     * @throws IOException as {@link #sendFile(Transport, Path)}
     */
    public static long sendFile(Transport transport, Path path, long position, long count) throws IOException {
        if (position < 0 || count < -1) {
            throw new IllegalArgumentException("position must be >= 0 and count >= -1: " + position + ", " + count);
        }
        if (!transport.canSendfile()) {
            throw new UnsupportedOperationException(transport.getClass().getSimpleName()
                    + " cannot sendfile (TLS?); AsyncFiles.sendFile(StreamWriter, Path) falls back to copying");
        }
        // The transport's sendfile needs a FileChannel whichever backend the loop has.
        FileChannel ch = Offload.call(() -> FileChannel.open(path, StandardOpenOption.READ), AsyncFiles::closeQuietly);
        try {
            long n = count >= 0 ? count : Math.max(0, Offload.call(ch::size, null) - position);
            return transport.sendfile(ch, position, n);
        } finally {
            closeQuietly(ch);
        }
    }

    /**
     * Sends the whole file at {@code path} through {@code writer}: with the kernel's sendfile
     * when its transport can ({@link Transport#canSendfile()}), else by reading it in 256 KiB
     * chunks and writing each with {@link StreamWriter#drain()}, so a TLS connection works too.
     * Data written to {@code writer} before goes first.
     *
     * @return the bytes sent
     * @throws java.nio.file.NoSuchFileException if the file does not exist
     * @throws IOException if reading the file or writing the connection fails
     */
    public static long sendFile(StreamWriter writer, Path path) throws IOException {
        if (writer.transport().canSendfile()) {
            return sendFile(writer.transport(), path);
        }
        long sent = 0;
        try (AsyncFile f = AsyncFile.open(path, StandardOpenOption.READ)) {
            for (byte[] chunk : f.chunks(COPY_CHUNK)) {
                writer.write(chunk);
                writer.drain();
                sent += chunk.length;
            }
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        return sent;
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // A read-only channel: closing it cannot lose data, and the send already finished.
        }
    }
}
