/**
 * Testing concurrent code on jasyncio: {@link io.jasyncio.testing.LoopTest} runs a JUnit 5 test
 * on every loop kind with leak checks; {@link io.jasyncio.testing.LogCapture} reads what the loop
 * logs. Depends on jasyncio's public API and JUnit 5.
 */
package io.jasyncio.testing;
