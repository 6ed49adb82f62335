package io.jasyncio.bench.harness;

import java.util.Map;

/**
 * The outcome of one measured run: the parsed result line, or why there is none.
 *
 * @param contender what ran
 * @param command the command line, as a shell would take it
 * @param fields the result line's fields (empty when the run failed)
 * @param error why the run failed (exit status, timeout, unparsable output), or null
 */
record Measurement(Contender contender, String command, Map<String, Object> fields, String error) {
    Measurement {
        fields = Map.copyOf(fields.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    static Measurement failed(Contender contender, String command, String error) {
        return new Measurement(contender, command, Map.of(), error);
    }

    boolean ok() {
        return error == null;
    }

    /** The numeric field {@code name}, or NaN if absent. */
    double number(String name) {
        return fields.get(name) instanceof Double d ? d : Double.NaN;
    }
}
