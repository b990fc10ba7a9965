package io.streamgate.poller.run;

import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A source's Prometheus metrics, all tagged {@code source}: requests by status, records, pages, 304s, retries;
 * gauges for staleness (since the last success) and lag (since the newest event produced).
 */
public final class SourceMetrics {

    private final MeterRegistry registry;
    private final String source;
    private final Counter records;
    private final Counter pages;
    private final Counter notModified;
    private final Counter retries;

    public SourceMetrics(MeterRegistry registry, String source, SourceStatus status) {
        this.registry = registry;
        this.source = source;
        this.records = Counter.builder("streamgate.poller.records").tag("source", source)
                .description("records produced").register(registry);
        this.pages = Counter.builder("streamgate.poller.pages").tag("source", source)
                .description("pages committed").register(registry);
        this.notModified = Counter.builder("streamgate.poller.not.modified").tag("source", source)
                .description("conditional requests answered 304").register(registry);
        this.retries = Counter.builder("streamgate.poller.retries").tag("source", source)
                .description("requests retried").register(registry);
        Gauge.builder("streamgate.poller.staleness", status, s -> secondsSince(s.view().lastSuccess()))
                .tag("source", source).baseUnit("seconds").description("time since the last successful run")
                .register(registry);
        Gauge.builder("streamgate.poller.lag", status, s -> secondsSince(s.view().newestEvent()))
                .tag("source", source).baseUnit("seconds").description("time since the newest event produced")
                .register(registry);
    }

    public void response(int status) {
        Counter.builder("streamgate.poller.requests").tag("source", source).tag("status", String.valueOf(status))
                .description("provider responses by status").register(registry).increment();
    }

    void page(int produced) {
        pages.increment();
        records.increment(produced);
    }

    void notModified() {
        notModified.increment();
    }

    public void retry() {
        retries.increment();
    }

    private static double secondsSince(Instant at) {
        return at == null ? Double.NaN : Duration.between(at, Instant.now()).toMillis() / 1000.0;
    }
}
