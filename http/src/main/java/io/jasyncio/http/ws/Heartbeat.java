package io.jasyncio.http.ws;

import io.jasyncio.EventLoop;
import io.jasyncio.http.ws.frame.CloseCodes;
import io.jasyncio.loop.TimerHandle;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;

/**
 * A WebSocket's heartbeat: a ping every interval, and a deadline for its pong. A missing pong
 * fails the connection: Close 1011 is sent (as websockets' keepalive does, so a live peer learns
 * why) and the local close code is 1006, as aiohttp reports it. Timers only: no task.
 */
final class Heartbeat {
    /*
     * Implementation notes.
     *
     * At most one of the two timers is armed: pingTimer while no ping is outstanding, pongTimer
     * while one is. The next ping is scheduled when the pong arrives, so pings never pile up
     * behind a slow peer. Each ping carries a counter, and only the pong with the outstanding
     * payload settles it (unsolicited pongs are ignored, RFC 6455 §5.5.3).
     */
    private final WebSocket ws;
    private final EventLoop loop;
    private final Duration interval;
    private final Duration timeout;
    private TimerHandle pingTimer;
    private TimerHandle pongTimer;
    private byte[] outstanding;
    private long counter;
    private boolean stopped;

    Heartbeat(WebSocket ws, EventLoop loop, Duration interval, Duration timeout) {
        this.ws = ws;
        this.loop = loop;
        this.interval = interval;
        this.timeout = timeout;
    }

    void start() {
        if (interval != null && !stopped) {
            pingTimer = loop.callLater(interval, this::ping);
        }
    }

    private void ping() {
        pingTimer = null;
        if (stopped || !ws.isOpen()) {
            return;
        }
        outstanding = ByteBuffer.allocate(8).putLong(++counter).array();
        ws.writePing(outstanding);
        pongTimer = loop.callLater(timeout, this::pongMissed);
    }

    void pongReceived(byte[] payload) {
        if (outstanding == null || !Arrays.equals(outstanding, payload)) {
            return;
        }
        outstanding = null;
        if (pongTimer != null) {
            pongTimer.cancel();
            pongTimer = null;
        }
        start();
    }

    private void pongMissed() {
        pongTimer = null;
        if (stopped) {
            return;
        }
        ws.fail(CloseCodes.INTERNAL_ERROR, CloseCodes.ABNORMAL, "no pong within " + timeout.toMillis() + " ms of a heartbeat ping");
    }

    void stop() {
        stopped = true;
        if (pingTimer != null) {
            pingTimer.cancel();
            pingTimer = null;
        }
        if (pongTimer != null) {
            pongTimer.cancel();
            pongTimer = null;
        }
    }
}
