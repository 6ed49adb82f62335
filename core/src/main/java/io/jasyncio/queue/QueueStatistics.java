package io.jasyncio.queue;

/**
 * A snapshot of a queue's state, as {@link Queue#statistics()} returns it (trio's
 * {@code MemoryChannelStatistics}, for asyncio's queues).
 *
 * @param qsize the items in the queue now ({@link Queue#qsize()})
 * @param maxsize the capacity; zero or less means unbounded ({@link Queue#maxsize()})
 * @param tasksWaitingGet tasks suspended in {@link Queue#get()} (or an iterator of
 *        {@link Queue#iterate()}) and not yet woken
 * @param tasksWaitingPut tasks suspended in {@link Queue#put(Object)} and not yet woken
 * @param tasksWaitingJoin tasks suspended in {@link Queue#join()} and not yet woken
 * @param unfinishedTasks items put and not yet marked done with {@link Queue#taskDone()}
 * @param shutDown whether {@link Queue#shutdown(boolean)} was called
 */
public record QueueStatistics(
        int qsize,
        int maxsize,
        int tasksWaitingGet,
        int tasksWaitingPut,
        int tasksWaitingJoin,
        int unfinishedTasks,
        boolean shutDown) {
}
