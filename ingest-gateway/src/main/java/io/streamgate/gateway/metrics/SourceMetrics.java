package io.streamgate.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * Per-source meters, exported at {@code /actuator/prometheus}: requests received, records accepted, requests
 * rejected by reason, duplicates answered without a record, and the time Kafka took to acknowledge a request.
 */
@Component
public class SourceMetrics {

    private final MeterRegistry registry;

    SourceMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void received(String source) {
        counter("streamgate.requests.received", source).increment();
    }

    public void rejected(String source, String reason) {
        Counter.builder("streamgate.requests.rejected").tag("source", source).tag("reason", reason)
                .register(registry).increment();
    }

    public void duplicate(String source) {
        counter("streamgate.requests.duplicates", source).increment();
    }

    public Timer.Sample startProduce() {
        return Timer.start(registry);
    }

    public void produced(String source, Timer.Sample sample, int records) {
        sample.stop(timer(source, "ok"));
        counter("streamgate.records.accepted", source).increment(records);
    }

    public void produceFailed(String source, Timer.Sample sample) {
        sample.stop(timer(source, "failed"));
    }

    private Counter counter(String name, String source) {
        return Counter.builder(name).tag("source", source).register(registry);
    }

    private Timer timer(String source, String outcome) {
        return Timer.builder("streamgate.produce.latency").tag("source", source).tag("outcome", outcome)
                .publishPercentileHistogram().register(registry);
    }
}
