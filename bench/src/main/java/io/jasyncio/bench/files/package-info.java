/**
 * The file workloads' Java programs (issue 11): reading one large file in chunks
 * ({@code file-read}) and many small files concurrently ({@code file-small}), on jasyncio's
 * {@code AsyncFile} (on the selector loop: virtual threads; on the io_uring loop: the ring) and
 * on plain {@code FileChannel}s on virtual threads. Each program checks what it read against
 * the data set's {@link io.jasyncio.bench.files.FileManifest}. The data sets are made by the
 * harness (io.jasyncio.bench.harness.FileData); the Python peer is bench/python/file_bench.py.
 */
package io.jasyncio.bench.files;
