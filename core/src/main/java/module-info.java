/**
 * jasyncio: Python's asyncio in Java. Every package is exported but {@code io.jasyncio.internal}:
 * the continuation engine, which is the one place that touches {@code jdk.internal.vm}, and the
 * bridge by which tasks reach the scheduler. {@code io.jasyncio.loop} is also the SPI for loop
 * implementations in other modules (see its package documentation).
 *
 * <p>On the module path, start the JVM with
 * {@code --add-exports java.base/jdk.internal.vm=io.jasyncio}; on the class path with
 * {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED}.
 */
module io.jasyncio {
    requires jdk.unsupported; // sun.misc.Signal: Ctrl-C and loop signal handlers

    uses io.jasyncio.EventLoopProvider; // LoopKind.URING and AUTO: the io_uring loop of jasyncio-uring

    exports io.jasyncio;
    exports io.jasyncio.loop;
    exports io.jasyncio.sync;
    exports io.jasyncio.queue;
    exports io.jasyncio.stream;
    exports io.jasyncio.stream.tls;
    exports io.jasyncio.process;
    exports io.jasyncio.file;

    uses io.jasyncio.file.FileBackendProvider;
}
