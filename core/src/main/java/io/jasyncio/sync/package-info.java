/**
 * Synchronization primitives for tasks: asyncio's {@code Lock}, {@code Event},
 * {@code Condition}, {@code Semaphore}, {@code BoundedSemaphore} and {@code Barrier}, in Java.
 *
 * <p>Tasks on one loop exclude and signal each other with these, never with
 * {@code synchronized} or {@code java.util.concurrent.locks}: every task runs on the loop
 * thread, so a monitor excludes nothing and a blocking lock stalls the whole loop.
 *
 * <p><b>Loop confinement.</b> Every primitive is used from the thread of one event loop only;
 * it holds no lock and no atomic of its own. It binds to a loop the first time a task waits on
 * it, and a wait from a task of another loop then throws {@link java.lang.IllegalStateException}.
 * Non-waiting calls ({@code release}, {@code set}, {@code signal}...) may come from a callback
 * as well as from a task.
 *
 * <p><b>Fairness and cancellation.</b> Waiters are served first come, first served. A lock or
 * permit released while tasks wait passes directly to the first of them, so nobody barges in
 * between. A waiter cancelled while it waits never keeps the primitive: if it was cancelled
 * after being chosen but before it could run, what it was given (the lock, a permit, a
 * condition's notification) passes on to the next waiter.
 *
 * <p><b>Try-with-resources.</b> Where asyncio has {@code async with}, {@code acquire()} returns
 * a {@link io.jasyncio.sync.Guard} whose {@code close()} releases:
 * {@snippet :
 * try (var _ = lock.acquire()) {
 *     balance += amount;                     // no other task runs this block meanwhile
 * }
 * }
 *
 * <p>Depends only on the public task and loop API ({@link io.jasyncio.Asyncio#currentTask()},
 * {@link io.jasyncio.EventLoop#createFuture()}, {@link io.jasyncio.Future#await()}), as any
 * user code could; nothing in {@code io.jasyncio} or {@code io.jasyncio.loop} depends on it.
 */
package io.jasyncio.sync;
