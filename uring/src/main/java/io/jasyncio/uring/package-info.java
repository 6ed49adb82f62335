/**
 * An event loop over Linux's io_uring, through {@code java.lang.foreign} only (no JNI, no native
 * library): the rings are mapped with {@code mmap} and driven with {@code io_uring_enter}. Built on
 * core's loop SPI ({@code io.jasyncio.loop}) and exported seams only.
 *
 * <p>Public: {@link io.jasyncio.uring.UringEventLoop} (the loop), {@link io.jasyncio.uring.UringOptions}
 * (its ring's size and SQPOLL) and {@link io.jasyncio.uring.UringLoopProvider} (how
 * {@code LoopKind.URING} finds it, and why it cannot run where it cannot).
 *
 * <p>Inside, in layers, each using only those below it: {@code Syscalls} (the C library calls),
 * {@code Ring} with {@code Sqe} and {@code Uring} (one mapped io_uring: SQEs out, CQEs in),
 * {@code UringBackend} (core's {@code IoBackend} over a ring: user_data tokens dispatched to
 * {@code Completion}s, readiness of NIO channels through {@code ChannelPolls}, the eventfd
 * wake-up, provided-buffer rings), then the loop. Completion-based socket transports and file
 * operations sit beside the readiness polls, on the backend's tokens and ring.
 *
 * <p>Needs {@code --enable-native-access=ALL-UNNAMED} and
 * {@code --add-exports java.base/sun.nio.ch=ALL-UNNAMED} (to read a channel's descriptor).
 */
package io.jasyncio.uring;
