package io.jasyncio.loop;

import java.io.IOException;
import java.nio.channels.SelectableChannel;
import java.time.Duration;
import java.util.concurrent.ExecutorService;

/**
 * An event loop as far as callbacks go: the ready queue, timers, I/O readiness, signals, running
 * and stopping, and the errors nobody else handles. It knows nothing of tasks and futures; users
 * hold the {@code io.jasyncio.EventLoop} that extends it with them, and a loop implementation
 * gets all of this from {@link BaseEventLoop} (see the package documentation).
 *
 * <p>One iteration follows asyncio's {@code _run_once} exactly: (1) the poll timeout is zero if
 * callbacks are ready or the loop is stopping, else the time to the earliest timer, else
 * unlimited; (2) poll I/O; (3) move due timers to the ready queue in deadline order, ties in
 * scheduling order; (4) run exactly the callbacks that were ready when step 4 began; what they
 * schedule runs in the next iteration.
 *
 * <p><b>Threads.</b> Every method is loop-confined (call it from the loop thread, or from any
 * one thread while the loop is not running) except {@link #callSoonThreadsafe}, {@link #time()},
 * {@link #isRunning()} and {@link #isClosed()}. In debug mode a loop-confined call from another
 * thread while the loop runs throws {@link IllegalStateException}.
 *
 * <p><b>Differs from asyncio:</b> time is a {@code long} of nanoseconds rather than a
 * {@code float} of seconds, and delays are {@link Duration}s.
 */
public interface CallbackLoop extends AutoCloseable {

    /** The loop's clock in nanoseconds: monotonic, only differences are meaningful. */
    long time();

    /**
     * Schedules {@code callback} to run in the next iteration, after those already scheduled.
     *
     * @throws IllegalStateException if the loop is closed, or (debug) called from another thread
     */
    Handle callSoon(Runnable callback);

    /**
     * Like {@link #callSoon} but callable from any thread; wakes the loop if it is waiting.
     *
     * @throws IllegalStateException if the loop is closed
     */
    Handle callSoonThreadsafe(Runnable callback);

    /**
     * Schedules {@code callback} after {@code delay} (negative counts as zero).
     *
     * @throws IllegalStateException if the loop is closed, or (debug) called from another thread
     */
    TimerHandle callLater(Duration delay, Runnable callback);

    /**
     * Schedules {@code callback} at loop time {@code when} (nanoseconds of {@link #time()}).
     *
     * @throws IllegalStateException if the loop is closed, or (debug) called from another thread
     */
    TimerHandle callAt(long when, Runnable callback);

    /**
     * Calls {@code callback} each iteration in which {@code channel} is readable (for a server
     * channel: has a connection to accept), until {@link #removeReader} or until the channel is
     * closed: asyncio's {@code add_reader}. A channel has one reader: this replaces (and cancels,
     * if already queued) the one it had. The callback runs in step 4 of the iteration whose poll
     * found the channel ready, in the context current now. Level-triggered: a callback that
     * leaves data unread is called again in the next iteration.
     *
     * <p>Closing the channel ends the registration; nothing needs removing then.
     *
     * @throws IllegalStateException if the loop is closed, or (debug) called from another thread
     * @throws java.io.UncheckedIOException wrapping {@link java.nio.channels.ClosedChannelException}
     *         if the channel is closed
     * @throws java.nio.channels.IllegalBlockingModeException if the channel is in blocking mode
     * @throws IllegalArgumentException if the channel cannot be read
     */
    void addReader(SelectableChannel channel, Runnable callback);

    /**
     * Stops watching {@code channel} for reading; a call of the reader already queued in this
     * iteration does not happen. asyncio's {@code remove_reader}.
     *
     * @return whether a reader was registered
     */
    boolean removeReader(SelectableChannel channel);

    /**
     * Calls {@code callback} each iteration in which {@code channel} is writable, until
     * {@link #removeWriter} or until the channel is closed: asyncio's {@code add_writer}. For a
     * socket whose non-blocking connect is in progress, "writable" means the connect finished or
     * failed (call {@code finishConnect} then remove the writer). Otherwise as {@link #addReader}.
     *
     * @throws IllegalStateException if the loop is closed, or (debug) called from another thread
     * @throws java.io.UncheckedIOException wrapping {@link java.nio.channels.ClosedChannelException}
     *         if the channel is closed
     * @throws java.nio.channels.IllegalBlockingModeException if the channel is in blocking mode
     * @throws IllegalArgumentException if the channel cannot be written
     */
    void addWriter(SelectableChannel channel, Runnable callback);

    /**
     * Stops watching {@code channel} for writing; a call of the writer already queued in this
     * iteration does not happen. asyncio's {@code remove_writer}.
     *
     * @return whether a writer was registered
     */
    boolean removeWriter(SelectableChannel channel);

    /**
     * Stops watching {@code channel} and closes it at once: removes its reader and writer, ends
     * its registration with the I/O backend, then closes it. Use it rather than
     * {@code channel.close()} for a channel this loop watched: the JDK defers the close of a
     * channel still registered with a selector to the next poll, so a plain close lets the peer
     * read a clean end where an abort should reset the connection, and lets a closed listening
     * socket go on completing handshakes. asyncio has no counterpart (its selectors unregister
     * at once).
     *
     * @throws java.io.IOException if closing the channel fails; it is deregistered anyway
     * @throws IllegalStateException (debug) if called from another thread
     */
    default void closeChannel(SelectableChannel channel) throws IOException {
        removeReader(channel);
        removeWriter(channel);
        channel.close();
    }

    /**
     * Stops watching {@code channel} and closes it, its descriptor released by the loop's next
     * poll at the latest: {@link #closeChannel} for the graceful close of a connected socket,
     * where the peer sees the end (the JDK shuts the output down at once) and only the
     * descriptor waits. Many sockets closed in one iteration then share one deregistration
     * instead of one each. Not for an abort (a reset needs the descriptor closed now) nor for a
     * listening socket: use {@link #closeChannel}.
     *
     * @throws java.io.IOException if closing the channel fails; it is deregistered anyway
     * @throws IllegalStateException (debug) if called from another thread
     */
    default void closeChannelSoon(SelectableChannel channel) throws IOException {
        closeChannel(channel);
    }

    /**
     * Calls {@code callback} on the loop thread each time the process receives the Unix signal
     * {@code signal} ("USR2" or "SIGUSR2", any case), until {@link #removeSignalHandler} or until
     * the loop closes: asyncio's {@code add_signal_handler}. The JVM's signal thread hands the
     * callback to the loop with {@link #callSoonThreadsafe}, so it runs in a later iteration, in
     * the context current now; signals that arrive close together may run it once each or, if
     * the kernel merges them, fewer times. A handler already set for the signal on this loop is
     * replaced. While a SIGINT handler is installed, Ctrl-C calls it instead of cancelling
     * {@code Asyncio.run}'s main task; removing it brings that back.
     *
     * <p>The JVM refuses SIGKILL and SIGSTOP, those it uses itself (SIGQUIT for thread dumps,
     * SIGSEGV, SIGILL, SIGFPE; with {@code -Xrs} also SIGHUP, SIGINT and SIGTERM), and signals
     * ignored when the JVM started (a SIGINT of a background job, say). SIGUSR1, SIGUSR2, SIGHUP,
     * SIGTERM, SIGWINCH and SIGCHLD are accepted by default JVMs.
     *
     * <p><b>Differs from asyncio:</b> signals are named, not numbered; any thread that owns the
     * loop may call this (asyncio requires the main thread); and a signal's handler is
     * process-wide, so only one open loop at a time may handle a given signal.
     *
     * @throws IllegalArgumentException if the signal is unknown or the JVM refuses to handle it
     * @throws IllegalStateException if the loop is closed, another open loop handles the signal,
     *         or (debug) called from another thread
     * @throws UnsupportedOperationException on Windows
     */
    void addSignalHandler(String signal, Runnable callback);

    /**
     * Removes this loop's handler of {@code signal} and puts back the one that was there before
     * it was added (the JVM's default, or {@code Asyncio.run}'s Ctrl-C handling for SIGINT): asyncio's
     * {@code remove_signal_handler}. A call of the handler already queued does not happen.
     *
     * @return whether a handler was installed
     * @throws IllegalArgumentException if the signal is unknown
     * @throws UnsupportedOperationException on Windows
     */
    boolean removeSignalHandler(String signal);

    /**
     * Runs iterations until {@link #stop()} is called.
     *
     * @throws IllegalStateException if this loop is closed or already running, or another loop
     *         runs in this thread
     */
    void runForever();
    /** Makes the running loop stop after the current iteration; if it is not running, makes the next run stop after one iteration. */
    void stop();

    /**
     * Discards pending callbacks and timers, reports exceptions never retrieved, removes the
     * signal handlers, and releases the I/O backend. Idempotent.
     *
     * @throws IllegalStateException if the loop is running
     */
    @Override
    void close();

    /** Whether the loop is running; any thread may ask. */
    boolean isRunning();

    /** Whether {@link #close()} was called; any thread may ask. */
    boolean isClosed();

    /** Sets the handler for errors nobody else handles; null restores the default one. */
    void setExceptionHandler(ExceptionHandler handler);

    /** The handler set by {@link #setExceptionHandler}, or null when the default is in use. */
    ExceptionHandler getExceptionHandler();

    /** Passes {@code context} to the handler; if the handler itself throws, logs both. */
    void callExceptionHandler(ExceptionContext context);

    /** The default handling: logs the context at ERROR through {@code System.Logger} "io.jasyncio". */
    void defaultExceptionHandler(ExceptionContext context);

    /** Whether debug mode is on (from {@code -Djasyncio.debug=true} or {@link #setDebug}). */
    boolean getDebug();

    /**
     * Turns debug mode on or off: thread checks on loop-confined calls, creation sites of tasks
     * and futures, and a watchdog that reports with a stack trace any step that holds the loop
     * longer than {@link #getSlowCallbackDuration()} while it is still stuck.
     */
    void setDebug(boolean enabled);

    /** How long one step may hold the loop before debug mode reports it (default 100 ms). */
    Duration getSlowCallbackDuration();

    /**
     * Sets the slow-step threshold of debug mode.
     *
     * @throws IllegalArgumentException if {@code duration} is not positive
     */
    void setSlowCallbackDuration(Duration duration);

    /**
     * The executor that {@code toThread} and {@code runInExecutor(null, ...)} use: one virtual
     * thread per call, made on first use. asyncio's default executor is a thread pool.
     *
     * @throws IllegalStateException if the loop is closed
     */
    ExecutorService defaultExecutor();

    /**
     * Stops the default executor taking work and waits up to {@code timeout} for the work it
     * has, then interrupts what is left. Blocks the calling thread: call it when the loop is not
     * running ({@code Asyncio.run} does, before closing the loop). asyncio's
     * {@code shutdown_default_executor}.
     *
     * @return true if all work ended in time
     */
    boolean shutdownDefaultExecutor(Duration timeout);

    /**
     * What the loop holds now: ready callbacks, live timers, I/O registrations. Loop-confined,
     * like the calls that change them; a test reads it between runs.
     */
    LoopStatistics statistics();

    /**
     * Turns on seeded schedules, for tests that explore interleavings: from now on, the callbacks
     * ready in one iteration run in an order drawn from {@code seed}, keeping the order of those
     * made ready by the same producer (a callback and what it schedules, the timers, the I/O
     * poll, other threads). The same seed and program give the same order, so a failing
     * interleaving can be replayed by its seed. asyncio has no such thing; the jasyncio-testing
     * module's {@code @LoopTest(seeds = N)} calls it.
     *
     * @throws IllegalStateException if the loop is running or already has callbacks ready
     */
    void setScheduleSeed(long seed);
}
