package io.streamgate.gateway.publish;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.cloudevents.CloudEvent;
import io.streamgate.core.contract.ContractRecord;
import io.streamgate.core.trace.RecordTracing;
import io.streamgate.gateway.metrics.SourceMetrics;
import io.micrometer.core.instrument.Timer;
import io.streamgate.gateway.problem.GatewayException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends a request's records and returns only once Kafka has acknowledged every one of them ({@code acks=all},
 * idempotent producer, see ingest-core's DurableProducerSettings). If any record is not acknowledged within
 * {@link PublishProperties#timeout()} the whole request fails with {@link KafkaUnavailableException} (a 503): some of
 * its records may still be stored, which is why every record's {@code ce_id} is deterministic and a retry is safe.
 */
@Component
public class KafkaPublisher {

    private final KafkaTemplate<String, CloudEvent> template;
    private final PublishProperties properties;
    private final SourceMetrics metrics;
    private final RecordTracing tracing;

    KafkaPublisher(KafkaTemplate<String, CloudEvent> template, PublishProperties properties, SourceMetrics metrics,
            RecordTracing tracing) {
        this.template = template;
        this.properties = properties;
        this.metrics = metrics;
        this.tracing = tracing;
    }

    public void publish(String sourceId, List<ContractRecord> records) {
        Timer.Sample sample = metrics.startProduce();
        try {
            CompletableFuture<?>[] sends = new CompletableFuture<?>[records.size()];
            Map<String, String> trace = tracing.currentHeaders(); // the request's span: once, not per record
            for (int i = 0; i < sends.length; i++) {
                sends[i] = template.send(records.get(i).toProducerRecord(trace));
            }
            CompletableFuture.allOf(sends).get(properties.timeout().toMillis(), TimeUnit.MILLISECONDS);
            metrics.produced(sourceId, sample, records.size());
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            metrics.produceFailed(sourceId, sample);
            if (causedBy(e, RecordTooLargeException.class)) {
                // retrying cannot help: answer a permanent 413, not a 503 that a sender would retry forever
                throw new GatewayException(HttpStatus.PAYLOAD_TOO_LARGE, "Record too large",
                        "A record of this request is larger than the event store accepts; it was not stored.");
            }
            throw new KafkaUnavailableException("Kafka did not acknowledge " + records.size() + " record(s) of "
                    + sourceId, properties.retryAfter(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            metrics.produceFailed(sourceId, sample);
            throw new KafkaUnavailableException("interrupted while waiting for Kafka", properties.retryAfter(), e);
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
