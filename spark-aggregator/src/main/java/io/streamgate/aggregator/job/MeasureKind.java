package io.streamgate.aggregator.job;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

public enum MeasureKind {
    SUM("sum"), COUNT("count"), MIN("min"), MAX("max"), AVG("avg"),
    /** Sum of per-counter differences between consecutive readings of a cumulative register. */
    COUNTER_DELTA("counter-delta");

    private final String yamlName;

    MeasureKind(String yamlName) {
        this.yamlName = yamlName;
    }

    static Optional<MeasureKind> parse(String name) {
        return Arrays.stream(values()).filter(k -> k.yamlName.equals(name)).findFirst();
    }

    static MeasureKind of(String name) {
        return parse(name).orElseThrow(() -> new IllegalArgumentException("unknown measure function " + name));
    }

    static String names() {
        return Arrays.stream(values()).map(k -> k.yamlName).collect(Collectors.joining(", "));
    }
}
