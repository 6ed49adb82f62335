package io.jasyncio;

import java.util.Set;

/**
 * What {@link Asyncio#wait} returns: the futures that are done and those still pending, each in
 * the order they were given. asyncio returns the tuple {@code (done, pending)}.
 *
 * @param done    the futures that are done
 * @param pending the futures still pending (never cancelled by {@code wait})
 * @param <T>     the futures' result type
 */
public record WaitResult<T>(Set<Future<T>> done, Set<Future<T>> pending) {
}
