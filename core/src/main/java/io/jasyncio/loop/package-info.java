/**
 * The event loop machinery: the {@link io.jasyncio.EventLoop} contract, the scheduler
 * ({@link io.jasyncio.loop.BaseEventLoop}), the timer queue, the handles, and the I/O backends
 * named by mechanism ({@link io.jasyncio.loop.SelectorBackend}).
 *
 * <p>It knows futures and tasks only through their public API and the task registry; it knows
 * nothing of locks, queues or streams.
 */
package io.jasyncio.loop;
