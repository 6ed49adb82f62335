/**
 * The bench harness: runs each workload program (io.jasyncio.bench) and its peers (bench/python,
 * virtual threads) as separate processes, in turn, and reports medians and ratios. Depends on
 * the JDK only; it starts the programs, it does not link to them beyond naming their classes.
 */
package io.jasyncio.bench.harness;
