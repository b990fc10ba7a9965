package io.streamgate.gateway.http;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.streamgate.gateway.problem.GatewayException;
import io.streamgate.gateway.source.Source;
import io.streamgate.gateway.source.SourceRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The gateway-wide bound on request bodies in memory ({@link MemoryProperties#bodiesInFlight()}). Each request
 * holds a {@link Lease} while it is handled: a body of known length reserves all of it before a byte is read, a
 * chunked one as it is read. Past the budget the request is answered 503 with {@code Retry-After}: heavy bulk
 * senders slow down instead of taking the heap (and with it the producer's thread) from everyone.
 */
@Component
public class BodyBudget {

    private final long budget;
    private final long retryAfterSeconds;
    private final AtomicLong inFlight = new AtomicLong();

    @Autowired
    BodyBudget(MemoryProperties properties, SourceRegistry sources, MeterRegistry meters) {
        this(properties);
        for (Source source : sources.all().values()) {
            if (source.properties().maxBody().toBytes() > budget) {
                throw new IllegalStateException("streamgate.sources." + source.id() + ".max-body ("
                        + source.properties().maxBody().toBytes() + " bytes) is larger than the gateway's budget for "
                        + "bodies in flight, streamgate.memory.bodies-in-flight (" + budget + " bytes): such a body "
                        + "could never be taken. Raise the heap or the budget, or lower max-body.");
            }
        }
        Gauge.builder("streamgate.memory.bodies.in.flight", inFlight, AtomicLong::get).baseUnit("bytes")
                .description("bytes of request bodies being handled").register(meters);
        Gauge.builder("streamgate.memory.bodies.budget", () -> budget).baseUnit("bytes")
                .description("streamgate.memory.bodies-in-flight").register(meters);
    }

    BodyBudget(MemoryProperties properties) {
        this.budget = properties.budgetBytes();
        this.retryAfterSeconds = Math.max(1, properties.retryAfter().toSeconds());
    }

    public Lease lease() {
        return new Lease();
    }

    public long budget() {
        return budget;
    }

    /** What one request holds of the budget; closing it gives all of it back. Used by the request's thread only. */
    public final class Lease implements AutoCloseable {

        private long held;

        /** Takes {@code bytes} more of the budget, or refuses the request with 503 + {@code Retry-After}. */
        public void reserve(long bytes) {
            if (inFlight.addAndGet(bytes) > budget) {
                inFlight.addAndGet(-bytes);
                throw busy();
            }
            held += bytes;
        }

        @Override
        public void close() {
            inFlight.addAndGet(-held);
            held = 0;
        }

        private GatewayException busy() {
            GatewayException busy = new GatewayException(HttpStatus.SERVICE_UNAVAILABLE, "Gateway busy",
                    "The gateway is handling as many request bodies as its memory allows; nothing of this request "
                            + "was read or stored. Retry after the delay given.",
                    Map.of("limit", "streamgate.memory.bodies-in-flight"));
            busy.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds));
            return busy;
        }
    }
}
