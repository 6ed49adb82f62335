/**
 * Child processes with async pipes: asyncio's {@code create_subprocess_exec} /
 * {@code create_subprocess_shell} and its {@code Process}, over {@code java.lang.Process}.
 *
 * <p>The JDK's pipes are blocking streams; each piped stream has a virtual thread that does the
 * blocking I/O and talks to the loop only through {@code callSoonThreadsafe}, with the same
 * transports-and-protocols contract as sockets, so the child's streams are ordinary
 * {@link io.jasyncio.stream.StreamReader}s and {@link io.jasyncio.stream.StreamWriter}s with
 * their flow control. Depends on {@code io.jasyncio}, {@code io.jasyncio.loop} and
 * {@code io.jasyncio.stream}.
 */
package io.jasyncio.process;
