package io.streamgate.gateway.webhook;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.streamgate.core.contract.ContractRecord;
import io.streamgate.gateway.http.BodyBudget;
import io.streamgate.gateway.http.BoundedBody;
import io.streamgate.gateway.http.IngestEndpoint;
import io.streamgate.gateway.http.JsonAnswers;
import io.streamgate.gateway.metrics.SourceMetrics;
import io.streamgate.gateway.observe.RequestTrace;
import io.streamgate.gateway.problem.GatewayException;
import io.streamgate.gateway.publish.KafkaPublisher;
import io.streamgate.gateway.source.Source;
import io.streamgate.gateway.source.SourceKind;
import io.streamgate.gateway.source.SourceRegistry;
import io.streamgate.gateway.verify.SignedRequest;
import io.streamgate.gateway.verify.Verdict;
import io.streamgate.gateway.verify.VerifyScheme;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * {@code POST /webhooks/{id}}. In this order: the source must exist (404), the media type be one we take (415), the
 * body fit (413), the signature verify on the raw bytes (401), a JSON body parse (400); then the record is sent and
 * the answer is 200 only once Kafka acknowledged it (else 503). A redelivery of an id acknowledged within the
 * source's dedup window is answered 200 without a second record.
 */
@Component
class WebhookEndpoint implements IngestEndpoint {

    private static final Logger log = LoggerFactory.getLogger(WebhookEndpoint.class);

    private final SourceRegistry sources;
    private final SourceVerifiers verifiers;
    private final RecentDeliveries recent;
    private final KafkaPublisher publisher;
    private final SourceMetrics metrics;
    private final ObjectReader json;
    private final BodyBudget budget;
    private final JsonAnswers answers;
    private final RequestTrace trace;

    WebhookEndpoint(SourceRegistry sources, SourceVerifiers verifiers, RecentDeliveries recent,
            KafkaPublisher publisher, SourceMetrics metrics, ObjectMapper mapper, BodyBudget budget,
            JsonAnswers answers, RequestTrace trace) {
        this.sources = sources;
        this.verifiers = verifiers;
        this.recent = recent;
        this.publisher = publisher;
        this.metrics = metrics;
        this.json = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.budget = budget;
        this.answers = answers;
        this.trace = trace;
    }

    @Override
    public String path() {
        return "/webhooks";
    }

    @Override
    public void accept(String id, HttpServletRequest request, HttpServletResponse response)
            throws JsonProcessingException {
        Source source = sources.require(id, SourceKind.WEBHOOK);
        metrics.received(id);
        MediaType mediaType = WebhookMediaTypes.require(request.getContentType(), () -> reject(id, "media-type"));
        try (BodyBudget.Lease lease = budget.lease(request.getRemoteAddr())) {
            byte[] body = read(source, request, lease);
            Verdict verdict = verifiers.verify(source, new SignedRequest(request::getHeader, body));
            if (verdict != Verdict.VERIFIED) {
                log.debug("webhook for source {} refused: {}", id, verdict);
                reject(id, verdict.reason());
                throw new GatewayException(HttpStatus.UNAUTHORIZED, "Unauthorized",
                        "The request's signature could not be verified.");
            }
            JsonNode document = parse(id, body, WebhookMediaTypes.isJson(mediaType));
            if (source.properties().verify().scheme() == VerifyScheme.SLACK && SlackChallenge.isChallenge(document)) {
                answers.write(response, HttpStatus.OK, SlackChallenge.answer(document));
                return;
            }
            ContractRecord record = WebhookRecords.of(source, request, request.getContentType(), body, document,
                    OffsetDateTime.now(ZoneOffset.UTC));
            String eventId = record.event().getId();
            if (recent.seen(id, eventId)) {
                metrics.duplicate(id);
                answers.write(response, HttpStatus.OK, new Receipt(0, true, List.of(eventId)));
                return;
            }
            publisher.publish(id, trace.headers(request), List.of(record)::forEach);
            recent.remember(id, eventId);
            answers.write(response, HttpStatus.OK, new Receipt(1, false, List.of(eventId)));
        }
    }

    /** The answer to a delivery: {@code {"accepted": 1, "ids": [...]}}, or for a redelivery 0 and "duplicate". */
    record Receipt(int accepted, @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean duplicate, List<String> ids) {
    }

    private byte[] read(Source source, HttpServletRequest request, BodyBudget.Lease lease) {
        try {
            return BoundedBody.read(request, source.properties().maxBody(), lease);
        } catch (GatewayException e) {
            reject(source.id(), switch (e.getStatusCode().value()) {
                case 413 -> "too-large";
                case 408 -> "too-slow";
                case 503 -> "busy";
                default -> "unreadable";
            });
            throw e;
        }
    }

    /**
     * The body as JSON whatever its declared media type (the Content-Type is not signed, so it must not decide
     * which ids a signed body yields), or null for a form body that is not JSON. A body declared JSON must be one
     * well-formed JSON document.
     */
    private JsonNode parse(String id, byte[] body, boolean declaredJson) {
        try {
            JsonNode document = json.readTree(body);
            if (document != null && !document.isMissingNode()) {
                return document;
            }
        } catch (IOException e) {
            // the parser's message may quote the body: the caller gets a plain statement instead
        }
        if (!declaredJson) {
            return null;
        }
        reject(id, "malformed");
        throw new GatewayException(HttpStatus.BAD_REQUEST, "Malformed body",
                "The body is not a single well-formed JSON document.");
    }

    private void reject(String id, String reason) {
        metrics.rejected(id, reason);
    }
}
