package io.streamgate.core.producer;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The one place where Streamgate's producer durability is decided. Every producer of the gateway and the poller
 * goes through {@link #apply(Map)}: {@code acks=all} and idempotence are forced, anything that would weaken them
 * fails fast naming the key, and the waits are bounded so a broker outage turns into a prompt error (a 503 at the
 * gateway) instead of a request that hangs or an unbounded queue in memory.
 */
public final class DurableProducerSettings {

    /** Upper bound for a send, retries included; beyond it the caller is told the record was not stored. */
    public static final int DELIVERY_TIMEOUT_MS = 30_000;

    private static final Map<String, Object> DEFAULTS = Map.of(
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS,
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
            // how long send() may block for metadata or buffer space: a bound on the caller's thread
            ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
            ProducerConfig.LINGER_MS_CONFIG, 5,
            ProducerConfig.BATCH_SIZE_CONFIG, 65_536,
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");

    private DurableProducerSettings() {
    }

    /**
     * Returns {@code configured} with the durable settings applied: defaults where the operator set nothing,
     * {@code acks=all} and {@code enable.idempotence=true} always.
     *
     * @throws IllegalArgumentException naming the key, if the configuration tries to weaken durability
     */
    public static Map<String, Object> apply(Map<String, Object> configured) {
        Map<String, Object> result = new HashMap<>(DEFAULTS);
        result.putAll(configured);
        requireOneOf(result, ProducerConfig.ACKS_CONFIG, "all", "-1");
        requireOneOf(result, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        Object inFlight = result.get(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION);
        if (inFlight != null && Integer.parseInt(inFlight.toString()) > 5) {
            throw weakened(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, inFlight,
                    "at most 5 (more breaks ordering under retries with an idempotent producer)");
        }
        result.put(ProducerConfig.ACKS_CONFIG, "all");
        result.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return result;
    }

    private static void requireOneOf(Map<String, Object> config, String key, String... allowed) {
        Object value = config.get(key);
        if (value == null) {
            return;
        }
        for (String ok : allowed) {
            if (Objects.equals(ok, value.toString().trim().toLowerCase())) {
                return;
            }
        }
        throw weakened(key, value, String.join(" or ", allowed));
    }

    private static IllegalArgumentException weakened(String key, Object value, String expected) {
        return new IllegalArgumentException("Kafka producer setting '" + key + "=" + value
                + "' would weaken Streamgate's delivery guarantee; it must be " + expected);
    }
}
