package io.jasyncio.loop;

import io.jasyncio.internal.Kernel;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.SelectableChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The scheduler shared by every loop implementation: the ready queue, the timer queue and
 * asyncio's {@code _run_once}, over an {@link IoBackend} and a {@link LoopClock} supplied by the
 * subclass. It runs handles and callbacks and knows nothing of tasks or futures.
 *
 * <p><b>For implementers.</b> A new kind of loop is an {@link IoBackend} (how it polls, wakes up
 * and registers channels) and possibly a {@link LoopClock}, passed to this class's constructor by
 * a subclass that also implements {@code io.jasyncio.EventLoop}, which adds tasks and futures
 * on top of this class through default methods:
 * {@snippet :
 * public final class UringEventLoop extends BaseEventLoop implements EventLoop {
 *     public UringEventLoop() {
 *         super(new UringBackend(), LoopClock.system());
 *     }
 * }
 * }
 * Such a class can live in any module that requires {@code io.jasyncio}; it overrides nothing.
 */
public abstract class BaseEventLoop implements CallbackLoop {
    /*
     * Implementation notes.
     *
     * Loop-confined state (ready, timers, stopping, the task registry) is touched only by the
     * thread running the loop, or by one thread while it is not running. The only cross-thread
     * entry is callSoonThreadsafe: it appends to a concurrent queue and wakes the backend; the
     * loop drains that queue into the ready queue before and after each poll, so a callback
     * added while the loop polls runs in that same iteration.
     *
     * Step 4 runs exactly `ready.size()` callbacks counted when it begins; callbacks scheduled
     * by them are appended behind and wait for the next iteration, as in asyncio.
     *
     * The task layer (io.jasyncio) reaches this class only through the Kernel installed below:
     * `context` is its opaque current Context (null = empty), and `attachment` its per-loop state
     * (the task registry), whose onClose hook reports unretrieved exceptions at close.
     */
    static final System.Logger LOG = System.getLogger("io.jasyncio");
    private static final ThreadLocal<BaseEventLoop> RUNNING = new ThreadLocal<>();
    /** The current context of a thread that runs no loop (toThread's workers, main before run). */
    private static final ThreadLocal<Object> OFF_LOOP = new ThreadLocal<>();

    static {
        Kernel.install(new Hooks());
    }

    private final IoBackend backend;
    private final LoopClock clock;
    private final ArrayDeque<Runnable> ready = new ArrayDeque<>();
    private final ConcurrentLinkedQueue<Runnable> threadsafe = new ConcurrentLinkedQueue<>();
    /** Set after each threadsafe add; lets the per-step path skip polling an empty queue. */
    private volatile boolean threadsafePosted;
    private final TimerQueue timers = new TimerQueue();
    private final SignalHandlers signals = new SignalHandlers(this);
    private final Consumer<TimerHandle> toReady = t -> enqueue(t, ScheduleShuffler.TIMERS);
    private final Consumer<Runnable> ioReady = r -> enqueue(r, ScheduleShuffler.IO);
    private long timerSequence;
    private boolean stopping;
    private volatile Thread thread;
    private volatile boolean closed;
    private volatile boolean debug = Boolean.getBoolean("jasyncio.debug");
    private volatile Duration slowCallbackDuration = Duration.ofMillis(100);
    private ExceptionHandler exceptionHandler;
    private SlowStepWatchdog watchdog;
    private ScheduleShuffler shuffler;
    private ExecutorService executor;
    private Object context;
    private Object attachment;
    private Runnable attachmentClosed;
    private long producer;

    /** A loop over {@code backend}, timed by {@code clock}; the loop owns and closes the backend. */
    protected BaseEventLoop(IoBackend backend, LoopClock clock) {
        this.backend = backend;
        this.clock = clock;
    }

    static BaseEventLoop runningInThisThread() {
        return RUNNING.get();
    }

    @Override
    public long time() {
        return clock.nanoTime();
    }

    @Override
    public Handle callSoon(Runnable callback) {
        checkOpen();
        checkThread();
        Handle h = new Handle(this, callback, context);
        // Callbacks posted from other threads before this one must run before it (FIFO).
        drainThreadsafeIfPosted();
        enqueue(h, producer);
        return h;
    }

    /**
     * Queues a task's step or a future's done callback for the next iteration as it is, without
     * a {@link Handle}: the engine's wake-up path, where a handle would be one more allocation
     * and indirection per switch. The step cannot be cancelled and must set its own context.
     * Loop-confined; for the engine, not for user code (use {@link #callSoon}).
     *
     * @throws IllegalStateException if the loop is closed
     */
    private void callSoonStep(Runnable step) {
        checkOpen();
        checkThread();
        drainThreadsafeIfPosted();
        enqueue(step, producer);
    }

    @Override
    public Handle callSoonThreadsafe(Runnable callback) {
        checkOpen();
        Handle h = new Handle(this, callback, Thread.currentThread() == thread ? context : offLoopContext());
        threadsafe.add(h);
        threadsafePosted = true;
        if (Thread.currentThread() != thread) {
            backend.wakeup();
        }
        return h;
    }

    @Override
    public TimerHandle callLater(Duration delay, Runnable callback) {
        long nanos = delay.isNegative() ? 0 : saturatedNanos(delay);
        long now = time();
        return callAt(now + nanos < now ? Long.MAX_VALUE : now + nanos, callback);
    }

    @Override
    public TimerHandle callAt(long when, Runnable callback) {
        checkOpen();
        checkThread();
        TimerHandle t = new TimerHandle(this, when, timerSequence++, callback, context);
        timers.add(t);
        return t;
    }

    void timerCancelled() {
        timers.noteCancelled();
    }

    @Override
    public void addReader(SelectableChannel channel, Runnable callback) {
        checkOpen();
        checkThread();
        cancelIfHandle(backend.setReader(channel, new Handle(this, callback, context)));
    }

    @Override
    public boolean removeReader(SelectableChannel channel) {
        checkThread();
        return cancelIfHandle(backend.setReader(channel, null));
    }

    @Override
    public void addWriter(SelectableChannel channel, Runnable callback) {
        checkOpen();
        checkThread();
        cancelIfHandle(backend.setWriter(channel, new Handle(this, callback, context)));
    }

    @Override
    public boolean removeWriter(SelectableChannel channel) {
        checkThread();
        return cancelIfHandle(backend.setWriter(channel, null));
    }

    @Override
    public void closeChannel(SelectableChannel channel) throws IOException {
        checkThread();
        removeReader(channel);
        removeWriter(channel);
        if (!closed) {
            backend.deregister(channel);
        }
        channel.close();
    }

    @Override
    public void closeChannelSoon(SelectableChannel channel) throws IOException {
        checkThread();
        removeReader(channel);
        removeWriter(channel);
        if (!closed) {
            backend.deregisterSoon(channel);
        }
        channel.close();
    }

    private boolean cancelIfHandle(Runnable old) {
        // Cancelled, a handle the poll already queued in this iteration is skipped (asyncio's remove_reader).
        if (old instanceof Handle h) {
            h.cancel();
        }
        return old != null;
    }

    @Override
    public LoopStatistics statistics() {
        return new LoopStatistics(ready.size() + threadsafe.size(), timers.live(),
                closed ? 0 : backend.registrationCount());
    }

    @Override
    public void addSignalHandler(String signal, Runnable callback) {
        checkOpen();
        checkThread();
        signals.add(signal, callback);
    }

    @Override
    public boolean removeSignalHandler(String signal) {
        checkThread();
        return signals.remove(signal);
    }

    @Override
    public void runForever() {
        checkOpen();
        if (thread != null) {
            throw new IllegalStateException("this event loop is already running");
        }
        if (RUNNING.get() != null) {
            throw new IllegalStateException("cannot run an event loop while another loop is running in this thread");
        }
        thread = Thread.currentThread();
        RUNNING.set(this);
        if (debug) {
            watchdog = SlowStepWatchdog.start(thread, slowCallbackDuration);
        }
        try {
            while (true) {
                runOnce();
                if (stopping) {
                    break;
                }
            }
        } finally {
            stopping = false;
            if (!closed) {
                // Sockets closed in the last iteration: their descriptors close now, not at the
                // next run.
                backend.flushDeregistered();
            }
            if (watchdog != null) {
                watchdog.stop();
                watchdog = null;
            }
            RUNNING.remove();
            thread = null;
        }
    }

    private void runOnce() {
        drainThreadsafe();
        long timeout;
        if (!ready.isEmpty() || stopping) {
            timeout = 0;
        } else {
            TimerHandle head = timers.peek();
            // A deadline at Long.MAX_VALUE is "never" (a saturated Duration), as asyncio's infinite delay.
            timeout = head == null || head.when() == Long.MAX_VALUE ? -1 : Math.max(0, head.when() - clock.nanoTime());
        }
        if (timeout > 0 && clock.jumps() && threadsafe.isEmpty() && backend.registrationCount() == 0) {
            clock.advance(timeout);
            timeout = 0;
        }
        // A zero-timeout poll with nothing registered could only report a wake-up, and wake-ups
        // arrive through the threadsafe queue anyway: skip the system call.
        if (timeout != 0 || backend.hasRegistrations()) {
            // An interrupted thread's selector returns at once: without this check the loop
            // would spin a core until the interrupt is cleared, which nobody else will do.
            if (timeout != 0 && Thread.interrupted()) {
                throw new LoopInterruptedException("the event loop thread " + Thread.currentThread().getName()
                        + " was interrupted while waiting for I/O or timers");
            }
            int before = ready.size();
            backend.poll(timeout, ioReady);
            // A jumping clock waited for real because I/O was registered; if the wait ran out
            // with nothing to do, the virtual time it stood for has passed (else the timer that
            // set the timeout would never come due while a socket stays open).
            if (timeout > 0 && clock.jumps() && ready.size() == before && threadsafe.isEmpty()) {
                TimerHandle head = timers.peek();
                long now = clock.nanoTime();
                if (head != null && head.when() != Long.MAX_VALUE && head.when() > now) {
                    clock.advance(head.when() - now);
                }
            }
        }
        drainThreadsafe();
        // "Due" means at or before now: the end bound is exclusive.
        // Reading the clock costs as much as a task switch's bookkeeping; without timers, skip it.
        if (timers.peek() != null) {
            timers.popDue(clock.nanoTime() + 1, toReady);
        }
        int n = ready.size();
        if (shuffler != null && n > 1) {
            for (Runnable step : shuffler.interleave(ready, n)) {
                producer++;
                runStep(step);
            }
        } else {
            for (; n > 0; n--) {
                producer++;
                runStep(ready.poll());
            }
        }
    }

    /**
     * drainThreadsafe() for the per-callback path: one volatile read when nothing was posted
     * since the last drain, instead of a poll of the concurrent queue on every task switch.
     */
    private void drainThreadsafeIfPosted() {
        if (threadsafePosted) {
            drainThreadsafe();
        }
    }

    private void drainThreadsafe() {
        // Cleared before polling: an add whose flag write this clear overwrites linked its item
        // first, so the poll below sees it (volatile accesses are sequentially consistent); an
        // add after the clear sets the flag again. Written only when set: a volatile write
        // costs a fence, and runOnce calls this twice per iteration.
        if (threadsafePosted) {
            threadsafePosted = false;
        }
        Runnable r;
        while ((r = threadsafe.poll()) != null) {
            enqueue(r, ScheduleShuffler.THREADS);
        }
    }

    private void enqueue(Runnable r, long from) {
        ready.add(shuffler == null ? r : new ScheduleShuffler.Produced(r, from));
    }

    @Override
    public void setScheduleSeed(long seed) {
        if (thread != null || !ready.isEmpty()) {
            throw new IllegalStateException("set the schedule seed before the loop runs or schedules anything");
        }
        shuffler = new ScheduleShuffler(seed);
    }

    private void runStep(Runnable step) {
        SlowStepWatchdog dog = watchdog;
        if (dog == null) {
            runGuarded(step);
            return;
        }
        long start = System.nanoTime();
        dog.begin(step, start);
        try {
            runGuarded(step);
        } finally {
            dog.end(step, System.nanoTime() - start);
        }
    }

    private void runGuarded(Runnable step) {
        try {
            step.run();
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            callExceptionHandler(new ExceptionContext("Exception in callback " + step, e, step, null));
        }
    }

    @Override
    public void stop() {
        stopping = true;
    }

    @Override
    public void close() {
        if (thread != null) {
            throw new IllegalStateException("cannot close a running event loop");
        }
        if (closed) {
            return;
        }
        closed = true;
        ready.clear();
        threadsafe.clear();
        timers.clear();
        try {
            signals.removeAll();
            if (attachmentClosed != null) {
                attachmentClosed.run();
            }
        } finally {
            synchronized (this) {
                if (executor != null) {
                    executor.shutdownNow();
                }
            }
            backend.close();
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void setExceptionHandler(ExceptionHandler handler) {
        exceptionHandler = handler;
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
        return exceptionHandler;
    }

    @Override
    public void callExceptionHandler(ExceptionContext context) {
        ExceptionHandler handler = exceptionHandler;
        if (handler == null) {
            defaultExceptionHandler(context);
            return;
        }
        try {
            handler.handle(this, context);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            LOG.log(Level.ERROR, "Unhandled error in the exception handler while handling: " + context.message(), e);
            defaultExceptionHandler(context);
        }
    }

    @Override
    public void defaultExceptionHandler(ExceptionContext context) {
        StringBuilder msg = new StringBuilder(context.message());
        if (context.source() != null && !context.message().contains(String.valueOf(context.source()))) {
            msg.append("\n  source: ").append(context.source());
        }
        if (context.creationSite() != null) {
            msg.append("\n  created at:");
            for (String frame : UserFrames.trim(context.creationSite().getStackTrace())) {
                msg.append("\n    ").append(frame);
            }
        }
        LOG.log(Level.ERROR, msg.toString(), context.exception());
    }

    @Override
    public boolean getDebug() {
        return debug;
    }

    @Override
    public void setDebug(boolean enabled) {
        debug = enabled;
    }

    @Override
    public Duration getSlowCallbackDuration() {
        return slowCallbackDuration;
    }

    @Override
    public void setSlowCallbackDuration(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("slow callback duration must be positive: " + duration);
        }
        slowCallbackDuration = duration;
    }

    /** The current context (opaque here; an {@code io.jasyncio.Context} or null for empty). */
    Object context() {
        return context;
    }

    void setContext(Object context) {
        this.context = context;
    }

    private static Object offLoopContext() {
        // The caller may run a loop of its own, whose current context is the one to carry over.
        BaseEventLoop caller = RUNNING.get();
        return caller != null ? caller.context : OFF_LOOP.get();
    }

    @Override
    public synchronized ExecutorService defaultExecutor() {
        checkOpen();
        if (executor == null) {
            executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("jasyncio-worker-", 1).factory());
        }
        return executor;
    }

    @Override
    public boolean shutdownDefaultExecutor(Duration timeout) {
        ExecutorService ex;
        synchronized (this) {
            ex = executor;
        }
        if (ex == null) {
            return true;
        }
        ex.shutdown();
        try {
            if (ex.awaitTermination(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ex.shutdownNow();
        return false;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the event loop is closed");
        }
    }

    private void checkThread() {
        if (debug) {
            Thread t = thread;
            if (t != null && t != Thread.currentThread()) {
                throw new IllegalStateException("non-thread-safe operation called from thread "
                        + Thread.currentThread().getName() + " on an event loop running in thread " + t.getName()
                        + "; use callSoonThreadsafe");
            }
        }
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[running=" + isRunning() + ", closed=" + closed + ", debug=" + debug + "]";
    }

    /** The Kernel the task layer uses; see the implementation notes. */
    private static final class Hooks extends Kernel {
        @Override
        public Object runningLoop() {
            return RUNNING.get();
        }

        @Override
        public Object context(Object loop) {
            return loop == null ? OFF_LOOP.get() : ((BaseEventLoop) loop).context;
        }

        @Override
        public void setContext(Object loop, Object context) {
            if (loop == null) {
                OFF_LOOP.set(context);
            } else {
                ((BaseEventLoop) loop).context = context;
            }
        }

        @Override
        public Object attachment(Object loop) {
            return ((BaseEventLoop) loop).attachment;
        }

        @Override
        public void callSoonStep(Object loop, Runnable step) {
            ((BaseEventLoop) loop).callSoonStep(step);
        }

        @Override
        public void attach(Object loop, Object attachment, Runnable onClose) {
            BaseEventLoop l = (BaseEventLoop) loop;
            if (l.attachment != null) {
                throw new IllegalStateException("the loop has an attachment already");
            }
            l.attachment = attachment;
            l.attachmentClosed = onClose;
        }
    }
}
