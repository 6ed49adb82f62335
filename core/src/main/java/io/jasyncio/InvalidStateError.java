package io.jasyncio;

import java.io.Serial;

/**
 * A future or task was used in a state that does not allow it, such as asking the result of a
 * pending future or completing a done one: asyncio's {@code InvalidStateError}.
 */
public class InvalidStateError extends IllegalStateException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** An error with a message saying what was wrong. */
    public InvalidStateError(String message) {
        super(message);
    }
}
