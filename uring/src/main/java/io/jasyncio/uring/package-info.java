/**
 * An event loop over Linux's io_uring, through {@code java.lang.foreign} only (no JNI, no native
 * library): the rings are mapped with {@code mmap} and driven with {@code io_uring_enter}. Built on
 * core's loop SPI ({@code io.jasyncio.loop}) and exported seams only.
 */
package io.jasyncio.uring;
