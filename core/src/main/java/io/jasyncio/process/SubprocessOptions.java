package io.jasyncio.process;

import io.jasyncio.stream.StreamReader;
import java.nio.file.Path;
import java.util.Map;

/**
 * How to start a child process: where its standard streams go, the limit of its output readers,
 * its working directory and environment. Immutable; the {@code with*} methods return copies.
 *
 * {@snippet :
 * var options = SubprocessOptions.pipes().withStderr(Redirect.STDOUT);
 * }
 *
 * @param stdin where the child's stdin comes from ({@link Redirect#STDOUT} is not allowed)
 * @param stdout where the child's stdout goes ({@link Redirect#STDOUT} is not allowed)
 * @param stderr where the child's stderr goes
 * @param limit the {@link StreamReader#limit()} of the stdout and stderr readers
 * @param directory the working directory, or null for the parent's
 * @param environment the child's whole environment, or null for a copy of the parent's
 */
public record SubprocessOptions(Redirect stdin, Redirect stdout, Redirect stderr, int limit, Path directory,
        Map<String, String> environment) {
    /**
     * Checks the redirects and the limit.
     *
     * @throws IllegalArgumentException if stdin or stdout is {@link Redirect#STDOUT}, or
     *         {@code limit <= 0}
     * @throws NullPointerException if a redirect is null
     */
    public SubprocessOptions {
        if (stdin == null || stdout == null || stderr == null) {
            throw new NullPointerException("redirects cannot be null");
        }
        if (stdin == Redirect.STDOUT || stdout == Redirect.STDOUT) {
            throw new IllegalArgumentException("only stderr can be redirected to STDOUT");
        }
        if (limit <= 0) {
            throw new IllegalArgumentException("Limit cannot be <= 0");
        }
        environment = environment == null ? null : Map.copyOf(environment);
    }

    /** asyncio's defaults: every stream inherited, the default limit. */
    public static SubprocessOptions defaults() {
        return new SubprocessOptions(Redirect.INHERIT, Redirect.INHERIT, Redirect.INHERIT, StreamReader.DEFAULT_LIMIT,
                null, null);
    }

    /** Every stream a pipe: what most callers want. */
    public static SubprocessOptions pipes() {
        return new SubprocessOptions(Redirect.PIPE, Redirect.PIPE, Redirect.PIPE, StreamReader.DEFAULT_LIMIT, null, null);
    }

    /** A copy with stdin redirected. */
    public SubprocessOptions withStdin(Redirect r) {
        return new SubprocessOptions(r, stdout, stderr, limit, directory, environment);
    }

    /** A copy with stdout redirected. */
    public SubprocessOptions withStdout(Redirect r) {
        return new SubprocessOptions(stdin, r, stderr, limit, directory, environment);
    }

    /** A copy with stderr redirected. */
    public SubprocessOptions withStderr(Redirect r) {
        return new SubprocessOptions(stdin, stdout, r, limit, directory, environment);
    }

    /** A copy with another reader limit. */
    public SubprocessOptions withLimit(int limit) {
        return new SubprocessOptions(stdin, stdout, stderr, limit, directory, environment);
    }

    /** A copy with another working directory. */
    public SubprocessOptions withDirectory(Path directory) {
        return new SubprocessOptions(stdin, stdout, stderr, limit, directory, environment);
    }

    /** A copy with another environment (the child's whole environment). */
    public SubprocessOptions withEnvironment(Map<String, String> environment) {
        return new SubprocessOptions(stdin, stdout, stderr, limit, directory, environment);
    }
}
