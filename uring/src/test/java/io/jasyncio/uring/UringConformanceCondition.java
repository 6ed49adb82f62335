package io.jasyncio.uring;

import io.jasyncio.LoopKind;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips the re-run of core's suite ({@code -Djasyncio.loop=uring}, surefire execution
 * {@code core-suite-on-uring}) where this machine cannot run the uring loop, with the provider's
 * reason: the {@code @LoopTest} runs skip themselves, but a plain test would otherwise fail when
 * it asks for the uring loop. Registered through JUnit's extension autodetection, which only
 * that execution turns on.
 */
public final class UringConformanceCondition implements ExecutionCondition {
    /** Used by JUnit's {@link java.util.ServiceLoader} autodetection. */
    public UringConformanceCondition() {
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!"uring".equals(System.getProperty("jasyncio.loop"))) {
            return ConditionEvaluationResult.enabled("not the uring conformance run");
        }
        String reason = LoopKind.URING.unavailableReason();
        return reason == null ? ConditionEvaluationResult.enabled("the uring loop runs here")
                : ConditionEvaluationResult.disabled("the uring loop cannot run here: " + reason);
    }
}
