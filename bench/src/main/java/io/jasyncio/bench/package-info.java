/**
 * The workload programs: each main class runs one workload once, on jasyncio or on virtual
 * threads, and prints one JSON result line ({@link io.jasyncio.bench.BenchReport}). The harness
 * (io.jasyncio.bench.harness) runs them beside their CPython peers in bench/python. Not part of
 * the test run except through the harness's smoke test. Depends on jasyncio core and the JDK.
 */
package io.jasyncio.bench;
