package io.jasyncio.stream.tls;

import static org.junit.jupiter.api.Assertions.*;

import io.jasyncio.Asyncio;
import io.jasyncio.LoopKind;
import io.jasyncio.stream.Transport;
import io.jasyncio.testing.LoopHarness;
import io.jasyncio.testing.LoopTest;
import java.time.Duration;

/**
 * An aborting TLS layer is in its own state, ABORTING, until the raw transport's connectionLost
 * closes it; it no longer reuses UNWRAPPED, the state before the connection (issue 8).
 */
class TlsAbortingStateTest {

    /** The layer's state, as the application transport shows it. */
    private static String stateOf(Transport app) {
        return app.toString();
    }

    @LoopTest(loops = LoopKind.VIRTUAL)
    void abortGoesThroughAbortingToClosed(LoopHarness h) {
        h.run(() -> {
            TlsTestSupport.Pair p = TlsTestSupport.connect(Asyncio.getRunningLoop(), new TlsTestSupport.Recorder(), new TlsTestSupport.Recorder());
            p.awaitBoth();
            Transport client = p.client().result();
            assertEquals("TlsTransport[WRAPPED]", stateOf(client));
            client.abort();
            assertEquals("TlsTransport[ABORTING]", stateOf(client));
            for (int i = 0; i < 10 && !stateOf(client).equals("TlsTransport[CLOSED]"); i++) {
                Asyncio.sleep(Duration.ofMillis(1));
            }
            assertEquals("TlsTransport[CLOSED]", stateOf(client));
            return null;
        });
    }
}
