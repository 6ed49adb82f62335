package io.jasyncio.http.codec;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Jazzer fuzz tests of the decoders. In the normal suite the {@code @FuzzTest}s run in
 * regression mode (the inputs under {@code src/test/resources/io/jasyncio/http/codec/
 * HttpCodecFuzzTestInputs/} and any crash reproducers saved there), taking a second;
 * {@code JAZZER_FUZZ=1} makes them fuzz, and {@link #fuzzerTestOneInput} is the entry point for
 * Jazzer's standalone driver (see {@code http/FUZZING.md}: under JDK 25 only the standalone
 * driver over classes compiled for release 21 gets coverage feedback). The properties checked
 * are {@link FuzzChecks}'.
 */
public class HttpCodecFuzzTest {
    /**
     * In regression mode, no instrumentation: the seeds need none, and under JDK 25 Jazzer's
     * agent only fails to instrument every class (Java 25 class files are too new for it) while
     * taking 20 s to do so. Runs before Jazzer reads its options; a fuzzing session
     * ({@code JAZZER_FUZZ=1}) or an explicit {@code -Djazzer.hooks} keeps the default.
     */
    @BeforeAll
    static void noInstrumentationForRegressionRuns() {
        if (System.getenv("JAZZER_FUZZ") == null && System.getProperty("jazzer.hooks") == null) {
            System.setProperty("jazzer.hooks", "false");
        }
    }

    @FuzzTest(maxDuration = "10m")
    @Timeout(value = 15, unit = TimeUnit.MINUTES) // the suite's 60 s default would cut a JAZZER_FUZZ=1 session short
    void requestDecoder(FuzzedDataProvider data) {
        request(data);
    }

    @FuzzTest(maxDuration = "10m")
    @Timeout(value = 15, unit = TimeUnit.MINUTES) // the suite's 60 s default would cut a JAZZER_FUZZ=1 session short
    void responseDecoder(FuzzedDataProvider data) {
        response(data);
    }

    /** Jazzer's standalone entry point: one input, to the request or the response decoder. */
    public static void fuzzerTestOneInput(FuzzedDataProvider data) {
        if (data.consumeBoolean()) {
            request(data);
        } else {
            response(data);
        }
    }

    private static void request(FuzzedDataProvider data) {
        long seed = data.consumeLong();
        boolean eof = data.consumeBoolean();
        FuzzChecks.request(data.consumeRemainingAsBytes(), seed, eof);
    }

    private static void response(FuzzedDataProvider data) {
        long seed = data.consumeLong();
        boolean eof = data.consumeBoolean();
        int methods = data.consumeInt();
        FuzzChecks.response(data.consumeRemainingAsBytes(), seed, eof, methods);
    }
}
