package io.jasyncio.http.client;

import io.jasyncio.Asyncio;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * At most {@code permits} request starts per {@code period} for each host: the session's
 * {@code rateLimitPerHost}. A sliding window with reservations: each caller takes the next start
 * time at once (no suspension in between, so callers are served first come, first served) and
 * sleeps until then; any {@code permits + 1} consecutive starts for a host span at least one
 * period. Loop-confined.
 */
final class RateLimiter {
    /** Past this many hosts, windows whose last start is over a period old are dropped. */
    private static final int PRUNE_AT = 1024;

    private final int permits;
    private final long periodNanos;
    private final Map<String, Window> windows = new HashMap<>();

    /* Implementation notes: a Window keeps the last `permits` reserved start times (loop nanos) in
     * a ring, oldest at `next`. A new start is max(now, oldest + period): reservations never
     * decrease, so the ring stays sorted. A caller cancelled while it sleeps keeps its
     * reservation: its slot goes unused, which errs on the side of fewer requests. */

    private static final class Window {
        final long[] starts;
        int next;

        Window(int permits) {
            starts = new long[permits];
            Arrays.fill(starts, Long.MIN_VALUE / 2);
        }

        long newest() {
            return starts[(next + starts.length - 1) % starts.length];
        }
    }

    RateLimiter(int permits, Duration period) {
        if (permits < 1) {
            throw new IllegalArgumentException("permits " + permits + ": at least 1");
        }
        if (period == null || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period " + period + ": must be positive");
        }
        this.permits = permits;
        this.periodNanos = period.toNanos();
    }

    /** The loop time at which a request to {@code host} made at {@code now} may start, reserved for it. */
    long reserve(String host, long now) {
        Window w = windows.get(host);
        if (w == null) {
            if (windows.size() >= PRUNE_AT) {
                prune(now);
            }
            w = new Window(permits);
            windows.put(host, w);
        }
        long at = Math.max(now, w.starts[w.next] + periodNanos);
        w.starts[w.next] = at;
        w.next = (w.next + 1) % permits;
        return at;
    }

    /** Suspends until a request to {@code host} may start; a cancellation point. */
    void acquire(String host) {
        long now = Asyncio.time();
        long at = reserve(host, now);
        if (at > now) {
            Asyncio.sleep(Duration.ofNanos(at - now));
        }
    }

    /** How many hosts have a window (for tests). */
    int hosts() {
        return windows.size();
    }

    private void prune(long now) {
        for (Iterator<Window> it = windows.values().iterator(); it.hasNext(); ) {
            if (it.next().newest() + periodNanos <= now) {
                it.remove();
            }
        }
    }

    @Override
    public String toString() {
        return "RateLimiter(" + permits + " per " + Duration.ofNanos(periodNanos) + " per host)";
    }
}
