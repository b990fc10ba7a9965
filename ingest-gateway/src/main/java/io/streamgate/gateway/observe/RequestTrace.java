package io.streamgate.gateway.observe;

import java.util.Map;

import io.streamgate.core.trace.RecordTracing;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

/**
 * The trace context that goes into the Kafka headers of a request's records: the request's server span when spans
 * are exported (Spring's observation made it, a child of the request's {@code traceparent}), else the same context
 * without a span ({@link W3cTrace}).
 */
@Component
public class RequestTrace {

    private final RecordTracing tracing;
    private final SpanExport spans;

    RequestTrace(RecordTracing tracing, SpanExport spans) {
        this.tracing = tracing;
        this.spans = spans;
    }

    public Map<String, String> headers(HttpServletRequest request) {
        return spans.exported() ? tracing.currentHeaders() : W3cTrace.childOf(request::getHeader);
    }
}
