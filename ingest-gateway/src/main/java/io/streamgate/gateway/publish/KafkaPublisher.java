package io.streamgate.gateway.publish;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.Timer;
import io.streamgate.core.contract.ContractRecord;
import io.streamgate.gateway.metrics.SourceMetrics;
import io.streamgate.gateway.problem.GatewayException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends a request's records and returns only once Kafka has acknowledged every one of them ({@code acks=all},
 * idempotent producer, see ingest-core's DurableProducerSettings). If any record is refused or not acknowledged
 * within {@link PublishProperties#timeout()} the request fails: 413 for a record larger than Kafka takes (retrying
 * cannot help), else 503 ({@link KafkaUnavailableException}). Either answer says which records were stored and which
 * may still be ({@link Acks#report}); every record's {@code ce_id} is deterministic, so a retry is safe. After a
 * failure the {@link ProducerWatchdog} replaces a producer that died.
 */
@Component
public class KafkaPublisher {

    private final KafkaTemplate<String, CloudEvent> template;
    private final PublishProperties properties;
    private final SourceMetrics metrics;
    private final ProducerWatchdog watchdog;

    KafkaPublisher(KafkaTemplate<String, CloudEvent> template, PublishProperties properties, SourceMetrics metrics,
            ProducerWatchdog watchdog) {
        this.template = template;
        this.properties = properties;
        this.metrics = metrics;
        this.watchdog = watchdog;
    }

    /** Sends {@code records}, each with the request's {@code trace} headers (W3C trace context), as above. */
    public void publish(String sourceId, Map<String, String> trace, RecordStream records) {
        Timer.Sample sample = metrics.startProduce();
        Acks acks = new Acks();
        int[] total = {0};
        boolean[] stopped = {false};
        records.forEach(record -> {
            total[0]++;
            if (!stopped[0]) {
                CompletableFuture<?> send = send(record, trace);
                stopped[0] = send.isCompletedExceptionally(); // refused at once (closed, buffer full): stop sending
                acks.track(send);
            }
        });
        acks.seal();
        boolean answered = await(acks);
        if (answered && acks.firstFailure() == null) {
            metrics.produced(sourceId, sample, total[0]);
            return;
        }
        metrics.produceFailed(sourceId, sample);
        watchdog.check();
        Map<String, Object> report = acks.report(total[0]);
        if (causedBy(acks.firstFailure(), RecordTooLargeException.class)) {
            throw new GatewayException(HttpStatus.PAYLOAD_TOO_LARGE, "Record too large", "A record of this request "
                    + "is larger than the event store accepts. Records listed in 'stored' are in Kafka, those in "
                    + "'unconfirmed' may be; the others are not.", report);
        }
        throw new KafkaUnavailableException("Kafka did not acknowledge " + total[0] + " record(s) of " + sourceId,
                properties.retryAfter(), report, acks.firstFailure());
    }

    private CompletableFuture<?> send(ContractRecord record, Map<String, String> trace) {
        try {
            return template.send(record.toProducerRecord(trace));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Whether every send was answered within the publish timeout. */
    private boolean await(Acks acks) {
        try {
            acks.all().get(properties.timeout().toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
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
