package io.streamgate.aggregator.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The aggregator's operational numbers, rendered in the Prometheus text format. Gauges are set, counters are added
 * to; names follow Prometheus conventions ({@code _total} for counters).
 */
public final class MetricsRegistry {

    private final Map<String, Double> values = new ConcurrentHashMap<>();
    private final Map<String, String> types = new ConcurrentHashMap<>();

    public void gauge(String name, String label, String labelValue, double value) {
        types.put(name, "gauge");
        values.put(series(name, label, labelValue), value);
    }

    public void count(String name, String label, String labelValue, double increment) {
        types.put(name, "counter");
        values.merge(series(name, label, labelValue), increment, Double::sum);
    }

    public double value(String name, String label, String labelValue) {
        return values.getOrDefault(series(name, label, labelValue), 0.0);
    }

    public String render() {
        StringBuilder text = new StringBuilder();
        Map<String, Map<String, Double>> byName = new TreeMap<>(values.entrySet().stream().collect(Collectors.groupingBy(
                e -> e.getKey().substring(0, e.getKey().indexOf('{')),
                Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))));
        byName.forEach((name, series) -> {
            text.append("# TYPE ").append(name).append(' ').append(types.get(name)).append('\n');
            new TreeMap<>(series).forEach((s, v) -> text.append(s).append(' ').append(v).append('\n'));
        });
        return text.toString();
    }

    private static String series(String name, String label, String labelValue) {
        return name + "{" + label + "=\"" + labelValue.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }
}
