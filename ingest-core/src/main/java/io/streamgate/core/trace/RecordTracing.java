package io.streamgate.core.trace;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * The trace context that goes into each produced record's Kafka headers, by the W3C trace-context convention for
 * Kafka (a {@code traceparent} header, and {@code tracestate} when there is one), so that a consumer can continue
 * the trace of the HTTP request or the poll that produced the record. The context is the current span's: the
 * gateway's server span (a child of the request's own {@code traceparent} when it has one), or the span a poller
 * opens per page with {@link #inNewSpan}. Without a tracer (tracing switched off) records get no trace headers.
 * <p>
 * Spans are exported only where OpenTelemetry export is configured; propagation costs one header per record.
 */
public final class RecordTracing {

    /** No tracer: no spans, no headers. */
    public static final RecordTracing OFF = new RecordTracing(null, null);

    private final Tracer tracer;
    private final Propagator propagator;

    public RecordTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** The current span's context as Kafka headers; empty when there is no current span or no tracer. */
    public Map<String, String> currentHeaders() {
        Span span = tracer == null ? null : tracer.currentSpan();
        return span == null ? Map.of() : headers(span);
    }

    /**
     * Runs {@code work} in a new span named {@code name} (a child of the current span, else the root of a new trace),
     * handing it that span's headers; the span records a failure of {@code work} and ends when it returns.
     */
    public <T> T inNewSpan(String name, Function<Map<String, String>, T> work) {
        if (tracer == null) {
            return work.apply(Map.of());
        }
        Span span = tracer.nextSpan().name(name).start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return work.apply(headers(span));
        } catch (RuntimeException e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }

    private Map<String, String> headers(Span span) {
        Map<String, String> headers = new LinkedHashMap<>();
        propagator.inject(span.context(), headers, Map::put);
        return headers;
    }
}
