package io.jasyncio.http.server.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.LoopKind;
import io.jasyncio.http.server.HttpServer;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;

import java.util.List;

/**
 * Python peers against the server (issue 9): h11 as a strict client that parses every response
 * byte (pipelining, HEAD, chunked, 204/304, Connection: close, HTTP/1.0), and aiohttp's client
 * (keep-alive, POST with a length and chunked, streaming reads, HEAD, Expect: 100-continue). The
 * scripts live in src/test/python and do their own checks; a non-zero exit fails the test with
 * their output.
 */
class PythonInteropTest {
    private static void runScript(LoopHarness h, String script) {
        h.runBounded(() -> {
            HttpServer server = HttpServer.start(new InteropApp(), CurlInteropTest.LOCAL);
            try {
                Peers.Result r = Peers.run(List.of(Peers.PYTHON, Peers.script(script).toString(),
                        Integer.toString(server.port()))).ok();
                assertTrue(r.out().startsWith("OK "), r.out() + r.err());
            } finally {
                server.close();
            }
        });
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void h11FindsEveryResponseWellFormed(LoopHarness h) {
        Peers.assumePythonModule("h11", "python3-h11");
        runScript(h, "h11_peer.py");
    }

    @LoopTest(loops = LoopKind.SELECTOR, checkFds = true)
    void aiohttpClientSessionWorksAgainstTheServer(LoopHarness h) {
        Peers.assumePythonModule("aiohttp", "python3-aiohttp");
        runScript(h, "aiohttp_peer.py");
    }
}
