package io.jasyncio.process;

/**
 * Where a child's standard stream goes: asyncio's {@code subprocess.PIPE}, {@code DEVNULL},
 * {@code None} (inherit) and {@code STDOUT}.
 */
public enum Redirect {
    /** A pipe to the parent: a {@link io.jasyncio.stream.StreamWriter} for stdin, a {@link io.jasyncio.stream.StreamReader} for stdout and stderr. */
    PIPE,
    /** The null device: the child reads nothing, or its output is discarded. */
    DEVNULL,
    /** The parent's own stream (asyncio's default, {@code None}). */
    INHERIT,
    /** For stderr only: the same pipe or file as stdout. */
    STDOUT
}
