package io.jasyncio.http.client;

/**
 * A snapshot of a connection pool, as trio's {@code statistics()} records.
 *
 * @param open connections open or being opened, idle ones included
 * @param idle open connections waiting in the pool for a request
 * @param inUse connections carrying a request, or being opened for one
 * @param waiting requests waiting for the pool's total or per-host limit
 */
public record PoolStatistics(int open, int idle, int inUse, int waiting) {
}
