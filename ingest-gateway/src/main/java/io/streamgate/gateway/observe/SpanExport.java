package io.streamgate.gateway.observe;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Whether the gateway's spans go anywhere: true when a span exporter is configured (OTLP with
 * {@code management.otlp.tracing.endpoint}, or any other {@link SpanExporter} bean). Only then is Spring's
 * per-request {@code http.server.requests} observation worth its cost ({@link ObservationConfig}). Decided once, on
 * first use, when every bean is defined.
 */
final class SpanExport {

    private final ObjectProvider<SpanExporter> exporters;
    private volatile Boolean exported;

    SpanExport(ObjectProvider<SpanExporter> exporters) {
        this.exporters = exporters;
    }

    boolean exported() {
        Boolean known = exported;
        if (known == null) {
            known = exporters.stream().findAny().isPresent();
            exported = known;
        }
        return known;
    }
}
