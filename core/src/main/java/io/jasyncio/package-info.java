/**
 * asyncio for Java: the {@link io.jasyncio.Asyncio} facade, {@link io.jasyncio.Future},
 * {@link io.jasyncio.Task}, the scopes {@link io.jasyncio.Timeout} and
 * {@link io.jasyncio.TaskGroup}, and the exceptions.
 *
 * <p>Depends on {@code io.jasyncio.loop} (the loop contract) and {@code io.jasyncio.internal}
 * (the continuation engine) and nothing outside the JDK.
 */
package io.jasyncio;
