package io.jasyncio.http.ws.frame;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Jazzer fuzz test of {@link WsDecoder}, like the HTTP codec's {@code HttpCodecFuzzTest}: in the
 * normal suite it replays the inputs under {@code src/test/resources/io/jasyncio/http/ws/frame/
 * WsDecoderFuzzTestInputs/decoder/}; {@code JAZZER_FUZZ=1} fuzzes; {@link #fuzzerTestOneInput} is
 * the standalone driver's entry point (see {@code http/FUZZING.md}). Properties:
 * {@link WsFuzzChecks}.
 */
public class WsDecoderFuzzTest {
    /** No instrumentation in regression mode (see {@code HttpCodecFuzzTest}: Jazzer cannot instrument Java 25 classes). */
    @BeforeAll
    static void noInstrumentationForRegressionRuns() {
        if (System.getenv("JAZZER_FUZZ") == null && System.getProperty("jazzer.hooks") == null) {
            System.setProperty("jazzer.hooks", "false");
        }
    }

    @FuzzTest(maxDuration = "10m")
    @Timeout(value = 15, unit = TimeUnit.MINUTES) // the suite's 60 s default would cut a JAZZER_FUZZ=1 session short
    void decoder(FuzzedDataProvider data) {
        fuzzerTestOneInput(data);
    }

    /** Jazzer's standalone entry point: mode byte, split seed, then the wire bytes. */
    public static void fuzzerTestOneInput(FuzzedDataProvider data) {
        int mode = data.consumeByte();
        long seed = data.consumeLong();
        WsFuzzChecks.check(data.consumeRemainingAsBytes(), seed, mode);
    }
}
