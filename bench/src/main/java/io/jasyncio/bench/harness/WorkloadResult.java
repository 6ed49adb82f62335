package io.jasyncio.bench.harness;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Every run of one workload, by runtime, in round order.
 *
 * @param workload what ran
 * @param size the size it ran at
 * @param runs the measurements of each runtime that was run (unavailable peers are absent)
 */
record WorkloadResult(Workload workload, Size size, Map<Contender, List<Measurement>> runs) {
    WorkloadResult {
        Map<Contender, List<Measurement>> copy = new EnumMap<>(Contender.class);
        runs.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        runs = copy;
    }

    /** The median of the compared metric over the runs of {@code c} that succeeded, or null if none did. */
    Double median(Contender c) {
        return median(c, workload.metric());
    }

    /** The median of {@code metric} over the runs of {@code c} that succeeded, or null if none did. */
    Double median(Contender c, Metric metric) {
        List<Double> values = new ArrayList<>();
        for (Measurement m : runs.getOrDefault(c, List.of())) {
            if (m.ok() && !Double.isNaN(m.number(metric.field()))) {
                values.add(m.number(metric.field()));
            }
        }
        return values.isEmpty() ? null : median(values);
    }

    /** Medians of every runtime that has one. */
    Map<Contender, Double> medians() {
        Map<Contender, Double> out = new EnumMap<>(Contender.class);
        for (Contender c : runs.keySet()) {
            Double m = median(c);
            if (m != null) {
                out.put(c, m);
            }
        }
        return out;
    }

    /** The runs that failed. */
    List<Measurement> failures() {
        return runs.values().stream().flatMap(List::stream).filter(m -> !m.ok()).toList();
    }

    /** The median of {@code values} (mean of the middle two for an even count). */
    static double median(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
