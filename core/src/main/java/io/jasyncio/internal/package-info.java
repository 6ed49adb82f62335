/**
 * What jasyncio keeps to itself: the continuation engine ({@link io.jasyncio.internal.Coroutine},
 * the one class that uses {@code jdk.internal.vm}) and the bridge by which the task layer reaches
 * the scheduler ({@link io.jasyncio.internal.Kernel}). Nothing here is API: the package is not
 * exported.
 *
 * <p>Depends on nothing in jasyncio. Used only by {@code io.jasyncio} (tasks, futures, contexts)
 * and {@code io.jasyncio.loop} (the scheduler installs the kernel); the dependency-rule test
 * ({@code ArchitectureTest}) checks both.
 */
package io.jasyncio.internal;
