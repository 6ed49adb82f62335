package io.jasyncio;

import java.io.Serial;

/**
 * Thrown inside an async generator's body at its {@code emit} when the generator is closed
 * early, so that its {@code finally} blocks run: Python's {@code GeneratorExit}. An
 * {@link Error}, so {@code catch (Exception e)} does not swallow it; a body must not emit again
 * after catching it.
 */
public class GeneratorExit extends Error {
    @Serial
    private static final long serialVersionUID = 1L;

    /** The exit of a generator closed early. */
    public GeneratorExit() {
        super("async generator closed");
    }
}
