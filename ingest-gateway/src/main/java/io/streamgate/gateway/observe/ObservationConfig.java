package io.streamgate.gateway.observe;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.observation.ObservationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationConvention;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * What an operator sees of each HTTP request: the {@code http.server.requests} timer and the W3C trace context of
 * the records it produced. Spring's per-request observation gives both, and a server span; it is registered only
 * when spans are exported (or the application has its own convention for the timer's tags). Otherwise the span
 * would go nowhere, and {@link RequestTimer} and {@link RequestTrace} give the timer and the trace context at a
 * fraction of the cost. Exactly one of the two filters is enabled; both name the timer by
 * {@code management.observations.http.server.requests.name}.
 */
@Configuration(proxyBeanMethods = false)
class ObservationConfig {

    /** Where Spring's observation filter sits: outside every other filter, so their answers are timed too. */
    private static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 1;

    @Bean
    SpanExport spanExport(ObjectProvider<SpanExporter> exporters) {
        return new SpanExport(exporters.stream().findAny().isPresent());
    }

    /**
     * In place of Boot's (WebMvcObservationAutoConfiguration backs off), as Boot makes it: the same order and
     * dispatches, the timer's name from {@code management.observations.http.server.requests.name}, and the
     * application's own {@link ServerRequestObservationConvention} if it has one.
     */
    @Bean
    FilterRegistrationBean<ServerHttpObservationFilter> webMvcObservationFilter(ObservationRegistry registry,
            ObservationProperties properties, ObjectProvider<ServerRequestObservationConvention> conventions,
            SpanExport spans) {
        ServerRequestObservationConvention convention = conventions.getIfAvailable(
                () -> new DefaultServerRequestObservationConvention(timerName(properties)));
        FilterRegistrationBean<ServerHttpObservationFilter> registration = new FilterRegistrationBean<>(
                new ServerHttpObservationFilter(registry, convention));
        registration.setOrder(ORDER);
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
        registration.setEnabled(observed(spans, conventions));
        return registration;
    }

    @Bean
    FilterRegistrationBean<RequestTimer> requestTimer(MeterRegistry registry, ObservationProperties properties,
            ObjectProvider<ServerRequestObservationConvention> conventions, SpanExport spans) {
        FilterRegistrationBean<RequestTimer> registration = new FilterRegistrationBean<>(
                new RequestTimer(registry, timerName(properties)));
        registration.setOrder(ORDER);
        registration.setEnabled(!observed(spans, conventions));
        return registration;
    }

    /**
     * Whether each request goes through Spring's observation: when its span is exported, or when the application's
     * own convention decides the timer's tags, which only the observation applies.
     */
    private static boolean observed(SpanExport spans, ObjectProvider<ServerRequestObservationConvention> conventions) {
        return spans.exported() || conventions.getIfAvailable() != null;
    }

    private static String timerName(ObservationProperties properties) {
        return properties.getHttp().getServer().getRequests().getName();
    }
}
