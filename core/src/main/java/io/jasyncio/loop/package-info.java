/**
 * The event loop machinery and the loop SPI: the scheduler ({@link io.jasyncio.loop.BaseEventLoop}:
 * ready queue, asyncio's {@code _run_once}), the timer queue, the handles, the clocks, and the I/O
 * backends named by mechanism ({@link io.jasyncio.loop.SelectorBackend}). It runs callbacks and
 * knows nothing of tasks, futures or contexts: {@link io.jasyncio.loop.CallbackLoop} is the loop
 * as far as callbacks go, and {@code io.jasyncio.EventLoop} adds tasks on top of it.
 *
 * <p><b>Writing a loop (the SPI).</b> A new kind of loop, in any module, is:
 * <ul>
 *   <li>an {@link io.jasyncio.loop.IoBackend}: wait for readiness with a timeout and hand the
 *       ready callbacks over ({@code poll}), wake a waiting poll from another thread
 *       ({@code wakeup}), and keep one reader and one writer callback per channel
 *       ({@code setReader}/{@code setWriter});</li>
 *   <li>a {@link io.jasyncio.loop.LoopClock}, usually {@link io.jasyncio.loop.LoopClock#system()};</li>
 *   <li>a class {@code extends BaseEventLoop implements io.jasyncio.EventLoop} whose constructor
 *       passes both to {@code super}. It overrides nothing: the scheduler implements
 *       {@code CallbackLoop}, and {@code EventLoop}'s default methods add tasks and futures.</li>
 * </ul>
 * {@code io.jasyncio.SelectorEventLoop} is such a class, and core's tests build one in a package
 * of their own ({@code com.example.loop.CustomLoopTest}).
 *
 * <p><b>Depends on</b> the JDK and {@code io.jasyncio.internal} only (the scheduler installs the
 * {@code Kernel} through which the task layer reaches it); never on {@code io.jasyncio} or the
 * packages above it. {@code ArchitectureTest} checks it.
 */
package io.jasyncio.loop;
