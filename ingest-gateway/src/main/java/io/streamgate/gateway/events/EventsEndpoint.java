package io.streamgate.gateway.events;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collections;

import io.streamgate.core.split.TooManyRecordsException;
import io.streamgate.gateway.auth.Authenticator;
import io.streamgate.gateway.http.BodyBudget;
import io.streamgate.gateway.http.BoundedBody;
import io.streamgate.gateway.http.IngestEndpoint;
import io.streamgate.gateway.http.JsonAnswers;
import io.streamgate.gateway.metrics.SourceMetrics;
import io.streamgate.gateway.observe.RequestTrace;
import io.streamgate.gateway.publish.KafkaPublisher;
import io.streamgate.gateway.ratelimit.RateLimiter;
import io.streamgate.gateway.source.Source;
import io.streamgate.gateway.source.SourceKind;
import io.streamgate.gateway.source.SourceRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * {@code POST /events/{id}}: authenticate, rate-limit, read the body within its limit and the gateway's memory
 * budget, split it into records by its format and check each (limits, times, schema) in a first pass, send them in
 * a second, and answer 202 only once Kafka holds every record. Any
 * refusal is a problem+json answer and leaves nothing of the request in Kafka, except a 503 from Kafka itself,
 * after which the client retries and the deterministic ids make the copies recognisable.
 */
@Component
class EventsEndpoint implements IngestEndpoint {

    private final SourceRegistry sources;
    private final Authenticator authenticator;
    private final RateLimiter rateLimiter;
    private final RecordSchemas schemas;
    private final KafkaPublisher publisher;
    private final SourceMetrics metrics;
    private final BodyBudget budget;
    private final JsonAnswers answers;
    private final RequestTrace trace;

    EventsEndpoint(SourceRegistry sources, Authenticator authenticator, RateLimiter rateLimiter,
            RecordSchemas schemas, KafkaPublisher publisher, SourceMetrics metrics, BodyBudget budget,
            JsonAnswers answers, RequestTrace trace) {
        this.sources = sources;
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
        this.schemas = schemas;
        this.publisher = publisher;
        this.metrics = metrics;
        this.budget = budget;
        this.answers = answers;
        this.trace = trace;
    }

    @Override
    public String path() {
        return "/events";
    }

    @Override
    public void accept(String id, HttpServletRequest request, HttpServletResponse response) throws IOException {
        Source source = sources.require(id, SourceKind.EVENTS);
        metrics.received(id);
        try (BodyBudget.Lease lease = budget.lease(request.getRemoteAddr())) {
            EventsProperties events = source.properties().events();
            String caller = authenticator.authenticate(source.properties().auth(), request);
            rateLimiter.acquire(id, events.rateLimit(), caller);
            HttpHeaders headers = headers(request);
            MediaType type = ContentTypes.of(request.getContentType());
            BodyFormat format = BodyFormat.of(headers, type, events.json());
            byte[] body = BoundedBody.read(request, source.properties().maxBody(), lease);
            OffsetDateTime receivedAt = OffsetDateTime.now(ZoneOffset.UTC);
            BodyRecords records = BodyRecords.forBody(format.parse(EventRequest.of(source, type, body, headers, receivedAt)),
                    body.length);
            check(id, records);
            Accepted accepted = new Accepted();
            publisher.publish(id, trace.headers(request), each -> records.forEach(parsed -> {
                accepted.add(parsed.record());
                each.accept(parsed.record());
            }));
            answers.write(response, HttpStatus.ACCEPTED, accepted.body());
        } catch (RuntimeException e) {
            RuntimeException refusal = e instanceof TooManyRecordsException tooMany ? RecordLimits.tooMany(tooMany) : e;
            metrics.rejected(id, Rejections.reason(refusal));
            throw refusal;
        }
    }

    /** The first pass: every record is made and checked (format, time, limits, schema), and none is kept. */
    private void check(String id, BodyRecords records) {
        RecordSchemas.Check schema = schemas.check(id);
        int[] count = {0};
        records.forEach(parsed -> schema.record(count[0]++, parsed));
        RecordLimits.requireSome(count[0]);
        schema.done(count[0]);
    }

    /**
     * The headers as sent. (Spring's ServletServerHttpRequest would add the servlet's default charset to the
     * Content-Type, which would then pass for the event's own data content type.)
     */
    private static HttpHeaders headers(HttpServletRequest request) {
        HttpHeaders headers = new HttpHeaders();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.addAll(name, Collections.list(request.getHeaders(name)));
        }
        return headers;
    }
}
