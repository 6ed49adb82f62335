/**
 * JMH microbenchmarks of the engine and loop (task spawn and switch, future completion, timer
 * insert/cancel, queue hand-off), for profiling; run with {@code ./jasyncio bench --jmh [REGEX]}.
 * Never run by the tests. Depends on jasyncio core and jmh-core.
 */
package io.jasyncio.bench.jmh;
