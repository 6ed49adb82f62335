/**
 * The continuation engine: the one class that uses {@code jdk.internal.vm}. Nothing here is
 * API; it is not meant to be used outside jasyncio.
 */
package io.jasyncio.internal;
