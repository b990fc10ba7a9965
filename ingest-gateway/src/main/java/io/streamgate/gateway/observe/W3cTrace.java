package io.streamgate.gateway.observe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.sdk.trace.IdGenerator;

/**
 * The W3C trace context a request's records carry when the gateway records no span of its own: a child of the
 * request's {@code traceparent} (same trace, a new span id, the sender's sampling flag and {@code tracestate}), or
 * the root of a new, unsampled trace when the request has none or an invalid one. That is what the records carried
 * when a server span was made for every request, without making one. Parsing and formatting are OpenTelemetry's.
 */
final class W3cTrace {

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final IdGenerator IDS = IdGenerator.random();
    private static final TextMapGetter<Function<String, String>> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Function<String, String> carrier) {
            return List.of("traceparent", "tracestate");
        }

        @Override
        public String get(Function<String, String> carrier, String key) {
            return carrier == null ? null : carrier.apply(key);
        }
    };

    private W3cTrace() {
    }

    /** The {@code traceparent} (and {@code tracestate}) headers of a child of the context in {@code header}. */
    static Map<String, String> childOf(Function<String, String> header) {
        SpanContext parent = Span.fromContext(W3C.extract(Context.root(), header, HEADERS)).getSpanContext();
        SpanContext child = parent.isValid()
                ? SpanContext.create(parent.getTraceId(), IDS.generateSpanId(), parent.getTraceFlags(),
                        parent.getTraceState())
                : SpanContext.create(IDS.generateTraceId(), IDS.generateSpanId(), TraceFlags.getDefault(),
                        TraceState.getDefault());
        Map<String, String> headers = new LinkedHashMap<>(4);
        W3C.inject(Context.root().with(Span.wrap(child)), headers, Map::put);
        return headers;
    }
}
