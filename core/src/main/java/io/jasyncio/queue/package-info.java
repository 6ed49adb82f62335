/**
 * asyncio's queues, in Java: {@link io.jasyncio.queue.Queue} (first in, first out),
 * {@link io.jasyncio.queue.PriorityQueue} and {@link io.jasyncio.queue.LifoQueue}, for handing
 * items between the tasks of one event loop, with {@code taskDone}/{@code join} accounting and
 * Python 3.13's {@code shutdown}.
 *
 * <p>Everything here is loop-confined: a queue is used from the tasks and callbacks of one loop,
 * on that loop's thread, and needs no locks. From another thread, go through
 * {@link io.jasyncio.EventLoop#callSoonThreadsafe}.
 *
 * <p>Depends only on the public task and loop API ({@code io.jasyncio.Asyncio},
 * {@code io.jasyncio.ParkingLot}, {@code io.jasyncio.EventLoop}), as any user code could; never
 * on {@code io.jasyncio.internal} or package-private members.
 */
package io.jasyncio.queue;
