/**
 * asyncio for Java: the {@link io.jasyncio.Asyncio} facade, the {@link io.jasyncio.EventLoop}
 * users hold (with {@link io.jasyncio.SelectorEventLoop}, {@link io.jasyncio.VirtualTimeEventLoop}
 * and {@link io.jasyncio.LoopKind}), {@link io.jasyncio.Future}, {@link io.jasyncio.Task},
 * {@link io.jasyncio.Context} and {@link io.jasyncio.ContextVar}, the scopes
 * {@link io.jasyncio.Timeout} and {@link io.jasyncio.TaskGroup}, and the exceptions.
 *
 * <p>The task layer: it sits on the scheduler of {@code io.jasyncio.loop}, which it reaches
 * through that package's public API and, for what users must not call (the current context
 * slot, the per-loop task registry), through {@code io.jasyncio.internal.Kernel}.
 *
 * <p><b>Depends on</b> {@code io.jasyncio.loop} and {@code io.jasyncio.internal} and nothing
 * outside the JDK; {@code sync}, {@code queue}, {@code stream} and {@code process} are built on
 * it, never the reverse. {@code ArchitectureTest} checks it.
 */
package io.jasyncio;
