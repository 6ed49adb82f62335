/**
 * Async file I/O, which asyncio leaves to aiofiles: {@link io.jasyncio.file.AsyncFile} (open with
 * options, sequential and positional reads and writes, read and write all, size, truncate,
 * force, chunks and lines as iterables whose steps suspend) and
 * {@link io.jasyncio.file.AsyncFiles} (whole-file helpers shaped like {@code java.nio.file.Files},
 * and {@code sendFile} to a connection with the kernel's sendfile).
 *
 * <p><b>Backends (the file SPI).</b> A file's operations are done by the
 * {@link io.jasyncio.file.FileBackend} of the loop that opened it. A loop module offers its own
 * through a {@link io.jasyncio.file.FileBackendProvider} registered with
 * {@link java.util.ServiceLoader}; the provider answers, for a given loop, with a backend or
 * null. Loops no provider claims (the selector loop, the virtual-time loop) get the default
 * backend: blocking {@link java.nio.channels.FileChannel} calls on virtual threads of the loop's
 * default executor, never interrupted, into buffers of its own, so that a cancelled task stops
 * waiting at once while its call finishes harmlessly. The io_uring loop of
 * {@code jasyncio-uring} provides a backend that submits {@code IORING_OP_OPENAT}, {@code READ},
 * {@code WRITE}, {@code STATX}, {@code FSYNC}, {@code FTRUNCATE} and {@code CLOSE} to its ring.
 * {@code -Djasyncio.files=threads} makes every loop use the default backend (to compare them).
 * What an implementation must guarantee is written on {@link io.jasyncio.file.FileBackend} and
 * {@link io.jasyncio.file.FileHandle}.
 *
 * <p><b>Depends on</b> {@code io.jasyncio} (tasks, futures, the running loop) and
 * {@code io.jasyncio.stream} (the transport {@code sendFile} writes to); nothing in core depends
 * on it. {@code ArchitectureTest} checks it.
 */
package io.jasyncio.file;
