package io.jasyncio.file;

import java.io.IOException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.util.Set;

/**
 * How one kind of event loop does file I/O: the file SPI. {@link AsyncFile} asks the running loop
 * for its backend when a file is opened ({@link FileBackendProvider}); a loop that offers none
 * gets the default, which runs each operation on a virtual thread of the loop's default executor.
 * The io_uring loop ({@code jasyncio-uring}) provides one that submits the operations to its ring.
 *
 * <p><b>Contract for implementers.</b> Every method is called on the loop thread from a task,
 * and may suspend that task (it is a cancellation point). A backend hands buffers of its own to
 * the thread or the kernel doing the I/O and copies from or into the caller's buffer only on the
 * loop thread while the caller still waits: once an operation returned or threw, including with
 * {@link io.jasyncio.CancelledError}, the caller's buffer is never touched again. A cancelled
 * operation must not leak what it would have produced (an {@link #open} that completes after its
 * caller was cancelled closes the file it opened). Errors are the JDK's, as
 * {@link java.nio.channels.FileChannel} throws them ({@link java.nio.file.NoSuchFileException},
 * {@link java.nio.file.AccessDeniedException}, ...).
 */
public interface FileBackend {
    /** A short name for messages and {@link AsyncFile#backend()}: {@code "threads"}, {@code "io_uring"}. */
    String name();

    /**
     * Opens {@code path}. The options were already checked by {@link AsyncFile#open}: only
     * {@link java.nio.file.StandardOpenOption}s and {@link java.nio.file.LinkOption#NOFOLLOW_LINKS},
     * READ or WRITE or both (WRITE whenever APPEND), never READ with APPEND, never APPEND with
     * TRUNCATE_EXISTING, no CREATE, CREATE_NEW or TRUNCATE_EXISTING without WRITE, no
     * DELETE_ON_CLOSE ({@link AsyncFile} deletes the file itself). Suspends until the file is open.
     *
     * @throws IOException as {@link java.nio.channels.FileChannel#open(Path, Set, FileAttribute[])}
     * @throws UnsupportedOperationException for an attribute the backend cannot apply
     */
    FileHandle open(Path path, Set<OpenOption> options, FileAttribute<?>... attributes) throws IOException;
}
