package io.streamgate.bench.forwarder;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /forward}: baseline (a), the body's bytes sent with {@link KafkaTemplate}, answered once the broker
 * acknowledged them. {@code POST /noop}: baseline (b), the same request read and answered without Kafka.
 */
@RestController
class ForwardController {

    private final KafkaTemplate<byte[], byte[]> kafka;
    private final String topic;

    ForwardController(KafkaTemplate<byte[], byte[]> kafka, @Value("${bench.topic}") String topic) {
        this.kafka = kafka;
        this.topic = topic;
    }

    @PostMapping("/forward")
    ResponseEntity<Void> forward(@RequestBody byte[] body)
            throws InterruptedException, ExecutionException, TimeoutException {
        kafka.send(topic, body).get(10, TimeUnit.SECONDS);
        return ResponseEntity.accepted().build();
    }

    @PostMapping("/noop")
    ResponseEntity<Void> noop(@RequestBody byte[] body) {
        return ResponseEntity.accepted().build();
    }

    /** For the benchmark script to wait on, without sending anything to Kafka. */
    @GetMapping("/ready")
    ResponseEntity<Void> ready() {
        return ResponseEntity.noContent().build();
    }
}
