package io.streamgate.gateway.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * Per-source meters, exported at {@code /actuator/prometheus}: requests received, records accepted, requests
 * rejected by reason, duplicates answered without a record, and the time Kafka took to acknowledge a request.
 * Each meter is registered once and kept: registering looks the meter up by its sorted, hashed tags, which costs
 * more than the increment itself on a path taken several times per request.
 */
@Component
public class SourceMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> received = new ConcurrentHashMap<>();
    private final Map<String, Counter> duplicates = new ConcurrentHashMap<>();
    private final Map<String, Counter> accepted = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Counter>> rejected = new ConcurrentHashMap<>();
    private final Map<String, Timer> produceOk = new ConcurrentHashMap<>();
    private final Map<String, Timer> produceFailed = new ConcurrentHashMap<>();

    SourceMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void received(String source) {
        cached(received, source, s -> counter("streamgate.requests.received", s)).increment();
    }

    public void rejected(String source, String reason) {
        cached(cached(rejected, source, s -> new ConcurrentHashMap<>()), reason,
                r -> Counter.builder("streamgate.requests.rejected").tag("source", source).tag("reason", r)
                        .register(registry)).increment();
    }

    public void duplicate(String source) {
        cached(duplicates, source, s -> counter("streamgate.requests.duplicates", s)).increment();
    }

    public Timer.Sample startProduce() {
        return Timer.start(registry);
    }

    public void produced(String source, Timer.Sample sample, int records) {
        sample.stop(cached(produceOk, source, s -> timer(s, "ok")));
        cached(accepted, source, s -> counter("streamgate.records.accepted", s)).increment(records);
    }

    public void produceFailed(String source, Timer.Sample sample) {
        sample.stop(cached(produceFailed, source, s -> timer(s, "failed")));
    }

    /** A plain get first: computeIfAbsent may lock the bin even when the value is there. */
    private static <V> V cached(Map<String, V> meters, String key, Function<String, V> create) {
        V meter = meters.get(key);
        return meter != null ? meter : meters.computeIfAbsent(key, create);
    }

    private Counter counter(String name, String source) {
        return Counter.builder(name).tag("source", source).register(registry);
    }

    private Timer timer(String source, String outcome) {
        return Timer.builder("streamgate.produce.latency").tag("source", source).tag("outcome", outcome)
                .publishPercentileHistogram().register(registry);
    }
}
