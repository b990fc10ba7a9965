package io.streamgate.gateway.observe;

import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * Whether the gateway's spans go anywhere: true when a span exporter is configured (OTLP with
 * {@code management.otlp.tracing.endpoint}, or any other {@link SpanExporter} bean). Only then is Spring's
 * per-request {@code http.server.requests} observation worth its cost ({@link ObservationConfig}).
 */
record SpanExport(boolean exported) {
}
