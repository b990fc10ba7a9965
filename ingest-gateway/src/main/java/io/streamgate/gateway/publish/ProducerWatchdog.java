package io.streamgate.gateway.publish;

import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.cloudevents.CloudEvent;
import org.apache.kafka.common.MetricName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.stereotype.Component;

/**
 * Health contributor {@code producer}, in the liveness group: keeps the gateway's Kafka producer alive. A producer
 * whose network thread died (an {@link Error} such as {@code OutOfMemoryError} kills it and the producer never
 * recovers: every later send waits out its timeout) or that was closed is replaced through
 * {@link ProducerFactory#reset()}; the next send creates a new one. Checked after every failed publish and on every
 * health probe. If the replacement fails, liveness goes DOWN so that the platform restarts the gateway. The network
 * thread is found by its name, which carries the producer's {@code client.id} (Boot's default:
 * {@code <spring.application.name>-producer-<n>}), unique among the producers of one gateway JVM.
 */
@Component("producer")
class ProducerWatchdog extends AbstractHealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(ProducerWatchdog.class);
    /** The name Kafka's producer gives its network thread, followed by its {@code client.id}. */
    static final String NETWORK_THREAD = "kafka-producer-network-thread | ";

    private final ProducerFactory<String, CloudEvent> factory;
    private final KafkaTemplate<String, CloudEvent> template;
    private final AtomicLong replaced = new AtomicLong();
    private volatile RuntimeException replaceFailure;

    ProducerWatchdog(ProducerFactory<String, CloudEvent> factory, KafkaTemplate<String, CloudEvent> template) {
        super("Kafka producer check failed");
        this.factory = factory;
        this.template = template;
    }

    /** Replaces the producer if its network thread is gone; true if it did. */
    synchronized boolean check() {
        String clientId;
        try {
            clientId = clientId();
        } catch (RuntimeException cannotTell) {
            // no producer can be made now (e.g. bootstrap servers unresolvable): not a dead thread, and a caller
            // that asked after a failed send must still answer its 503, not fail here
            log.debug("could not read the producer's client id", cannotTell);
            return false;
        }
        if (clientId == null || networkThreadAlive(clientId)) {
            return false;
        }
        log.error("the Kafka producer {} has no network thread (it died or the producer was closed); replacing it",
                clientId);
        try {
            factory.reset();
            replaced.incrementAndGet();
            replaceFailure = null;
            return true;
        } catch (RuntimeException e) {
            log.error("could not replace the Kafka producer", e);
            replaceFailure = e;
            return false;
        }
    }

    long replacements() {
        return replaced.get();
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        check();
        (replaceFailure == null ? builder.up() : builder.down()).withDetail("replaced", replaced.get());
    }

    /** The client id of the current producer (creating it if there is none yet), from its metrics' tags. */
    private String clientId() {
        for (MetricName name : template.metrics().keySet()) {
            String id = name.tags().get("client-id");
            if (id != null) {
                return id;
            }
        }
        return null;
    }

    private static boolean networkThreadAlive(String clientId) {
        Set<Thread> threads = Thread.getAllStackTraces().keySet();
        String name = NETWORK_THREAD + clientId;
        return threads.stream().anyMatch(thread -> thread.isAlive() && thread.getName().equals(name));
    }
}
