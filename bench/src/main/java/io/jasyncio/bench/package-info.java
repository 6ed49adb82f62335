/**
 * Workloads that bench/compare-core.sh runs beside their CPython peers (bench/python). Not part of
 * the test run; each prints one JSON line.
 */
package io.jasyncio.bench;
