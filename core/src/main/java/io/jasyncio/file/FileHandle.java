package io.jasyncio.file;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One file opened by a {@link FileBackend}: the operations {@link AsyncFile} builds on. Every
 * method is called on the loop thread from a task and may suspend it (a cancellation point); see
 * {@link FileBackend} for the rules on buffers and cancellation. {@link AsyncFile} keeps the
 * position, checks that the file is open and readable or writable, and refuses overlapping
 * sequential operations, so a handle needs none of that.
 */
public interface FileHandle {
    /**
     * Reads bytes at {@code position} into {@code dst} (from its position, at most its remaining
     * bytes) and advances {@code dst}'s position by the count. A backend reads fewer only at the
     * end of the file or past its own largest buffer (at least 1 MiB): {@link AsyncFile#readAll()}
     * takes a short first read for the end of the file.
     *
     * @return the bytes read, or -1 if {@code position} is at or past the end of the file
     * @throws IOException if the read fails, or {@link java.nio.channels.AsynchronousCloseException}
     *         if {@link #close()} is called meanwhile
     */
    int read(ByteBuffer dst, long position) throws IOException;

    /**
     * Writes some of {@code src}'s remaining bytes (at least one, when any remain) at
     * {@code position}, or at the end of the file for a file opened with APPEND (then
     * {@code position} is -1), and advances {@code src}'s position by the count.
     *
     * @return the bytes written
     * @throws IOException if the write fails, or {@link java.nio.channels.AsynchronousCloseException}
     *         if {@link #close()} is called meanwhile
     */
    int write(ByteBuffer src, long position) throws IOException;

    /**
     * The file's current size in bytes.
     *
     * @throws IOException if it cannot be read
     */
    long size() throws IOException;

    /**
     * Sets the file's length to {@code size} bytes ({@code ftruncate}); {@link AsyncFile} calls
     * it only when the file is longer.
     *
     * @throws IOException if it fails
     */
    void truncate(long size) throws IOException;

    /**
     * Forces written data to the storage device, and with {@code metadata} the file's metadata
     * too ({@code fsync}; without it {@code fdatasync}).
     *
     * @throws IOException if it fails
     */
    void force(boolean metadata) throws IOException;

    /**
     * Closes the file, once. Operations that wait on it meanwhile end with their result or with
     * {@link java.nio.channels.AsynchronousCloseException}; the descriptor is closed even if the
     * caller is cancelled while this waits.
     *
     * @throws IOException if closing reports an error (the descriptor is released all the same)
     */
    void close() throws IOException;
}
