package io.jasyncio.uring;

import java.io.IOException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The exceptions a file operation's negative CQE result stands for: those the JDK's
 * {@code FileChannel} and {@code Files} throw for the same errno, with the same messages, so a
 * caller cannot tell the backends apart by their errors.
 */
final class UringFileErrors {
    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EIO = 5;
    static final int EBADF = 9;
    static final int EACCES = 13;
    static final int EEXIST = 17;
    static final int ENOTDIR = 20;
    static final int EISDIR = 21;
    static final int EINVAL = 22;
    static final int ENFILE = 23;
    static final int EMFILE = 24;
    static final int EFBIG = 27;
    static final int ENOSPC = 28;
    static final int ESPIPE = 29;
    static final int EROFS = 30;
    static final int ENAMETOOLONG = 36;
    static final int ELOOP = 40;
    static final int EDQUOT = 122;
    static final int ECANCELED = 125;

    private UringFileErrors() {
    }

    /**
     * The error of an open of {@code path}: the typed {@link FileSystemException}s, and for a
     * symbolic link refused by NOFOLLOW_LINKS the plain IOException FileChannel throws.
     */
    static IOException forPath(int errno, Path path, boolean nofollow) {
        String file = path.toString();
        return switch (errno) {
            case ENOENT -> new NoSuchFileException(file);
            case EEXIST -> new FileAlreadyExistsException(file);
            case EACCES, EPERM -> new AccessDeniedException(file);
            case ELOOP -> nofollow ? new IOException(message(errno) + " (NOFOLLOW_LINKS specified)")
                    : new FileSystemException(file, null, message(errno));
            default -> new FileSystemException(file, null, message(errno));
        };
    }

    /** The error of an operation on an open file, as {@code FileChannel} reports it. */
    static IOException forFile(int errno, boolean closing) {
        if (errno == ECANCELED && closing) {
            return new AsynchronousCloseException();
        }
        return new IOException(message(errno));
    }

    /** strerror(3)'s text for the errnos file operations meet. */
    static String message(int errno) {
        return switch (errno) {
            case EPERM -> "Operation not permitted";
            case ENOENT -> "No such file or directory";
            case EIO -> "Input/output error";
            case EBADF -> "Bad file descriptor";
            case EACCES -> "Permission denied";
            case EEXIST -> "File exists";
            case ENOTDIR -> "Not a directory";
            case EISDIR -> "Is a directory";
            case EINVAL -> "Invalid argument";
            case ENFILE -> "Too many open files in system";
            case EMFILE -> "Too many open files";
            case EFBIG -> "File too large";
            case ENOSPC -> "No space left on device";
            case ESPIPE -> "Illegal seek";
            case EROFS -> "Read-only file system";
            case ENAMETOOLONG -> "File name too long";
            case ELOOP -> "Too many levels of symbolic links";
            case EDQUOT -> "Disk quota exceeded";
            case ECANCELED -> "Operation canceled";
            default -> "errno " + errno;
        };
    }
}
