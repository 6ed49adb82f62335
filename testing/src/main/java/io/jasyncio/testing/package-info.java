/**
 * Testing concurrent code on jasyncio: {@link io.jasyncio.testing.LoopTest} runs a JUnit 5 test
 * on every loop kind with leak checks, and its {@link io.jasyncio.testing.LoopHarness} runs the
 * test's main task under a deadline ({@code runBounded}) and waits for conditions
 * ({@code eventually}); {@link io.jasyncio.testing.LogCapture} reads what the loop logs;
 * {@link io.jasyncio.testing.MemoryTransport} is an in-memory connection for testing protocols
 * and streams without sockets (one byte at a time if asked); and
 * {@link io.jasyncio.testing.TransportContract} is the suite every stream transport must pass.
 * Depends on jasyncio's public API and JUnit 5.
 */
package io.jasyncio.testing;
