package io.streamgate.gateway.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.streamgate.gateway.connection.ConnectionProperties;
import io.streamgate.gateway.problem.GatewayException;
import io.streamgate.gateway.source.Source;
import io.streamgate.gateway.source.SourceRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The gateway-wide bound on request bodies in memory ({@link MemoryProperties#bodiesInFlight()}), and one client
 * address's share of it ({@link MemoryProperties#bodiesInFlightPerAddress()}). Each request holds a {@link Lease}
 * while it is handled: a body of known length reserves all of it before a byte is read, a chunked one as it is
 * read. Past either bound the request is answered 503 with {@code Retry-After}: heavy bulk senders slow down instead
 * of taking the heap (and with it the producer's thread) from everyone, and one address cannot take the whole budget
 * with bodies it has no credentials for (a length is reserved before a signature or key can be checked). Trusted
 * proxies carry many clients, so only the global bound applies to them.
 */
@Component
public class BodyBudget {

    // compiled once: String.matches compiles its pattern on every call, on every request
    private static final Pattern IPV4 = Pattern.compile("[0-9.]+");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.%]+");

    private final long budget;
    private final long perAddress;
    private final Predicate<InetAddress> pooled;
    private final long retryAfterSeconds;
    private final AtomicLong inFlight = new AtomicLong();
    private final ConcurrentHashMap<InetAddress, Long> byAddress = new ConcurrentHashMap<>();

    @Autowired
    BodyBudget(MemoryProperties properties, ConnectionProperties connections, SourceRegistry sources,
            MeterRegistry meters) {
        this(properties, connections.trustedProxy());
        for (Source source : sources.all().values()) {
            if (source.properties().maxBody().toBytes() > perAddress) {
                throw new IllegalStateException("streamgate.sources." + source.id() + ".max-body ("
                        + source.properties().maxBody().toBytes() + " bytes) is larger than one client address's "
                        + "share of the budget for bodies in flight, streamgate.memory.bodies-in-flight-per-address ("
                        + perAddress + " bytes; unset, a quarter of streamgate.memory.bodies-in-flight): such a body "
                        + "could never be taken. Raise the heap or the budget, or lower max-body.");
            }
        }
        Gauge.builder("streamgate.memory.bodies.in.flight", inFlight, AtomicLong::get).baseUnit("bytes")
                .description("bytes of request bodies being handled").register(meters);
        Gauge.builder("streamgate.memory.bodies.budget", () -> budget).baseUnit("bytes")
                .description("streamgate.memory.bodies-in-flight").register(meters);
    }

    BodyBudget(MemoryProperties properties, Predicate<InetAddress> pooled) {
        this.budget = properties.budgetBytes();
        this.perAddress = Math.min(properties.perAddressBytes(), budget);
        this.pooled = pooled;
        this.retryAfterSeconds = Math.max(1, properties.retryAfter().toSeconds());
    }

    /** A lease for a request from {@code peer}, the TCP peer's address literal ({@code getRemoteAddr()}). */
    public Lease lease(String peer) {
        InetAddress address = address(peer);
        return new Lease(address == null || pooled.test(address) ? null : address);
    }

    public long budget() {
        return budget;
    }

    private static InetAddress address(String remote) {
        String literal = remote != null && remote.startsWith("[") && remote.endsWith("]")
                ? remote.substring(1, remote.length() - 1) : remote; // an IPv6 literal as some servers give it
        try {
            // only an address literal: getByName would look a host name up in DNS on a request thread
            boolean ip = literal != null && (IPV4.matcher(literal).matches()
                    || literal.contains(":") && IPV6.matcher(literal).matches());
            return ip ? InetAddress.getByName(literal) : null;
        } catch (UnknownHostException notAnAddress) {
            return null; // a Unix socket or a test's mock request: only the global bound applies
        }
    }

    /** What one request holds of the budget; closing it gives all of it back. Used by the request's thread only. */
    public final class Lease implements AutoCloseable {

        private final InetAddress peer;
        private long held;

        private Lease(InetAddress peer) {
            this.peer = peer;
        }

        /** Takes {@code bytes} more of the budget, or refuses the request with 503 + {@code Retry-After}. */
        public void reserve(long bytes) {
            if (inFlight.addAndGet(bytes) > budget) {
                inFlight.addAndGet(-bytes);
                throw busy("The gateway is handling as many request bodies as its memory allows",
                        "streamgate.memory.bodies-in-flight");
            }
            if (peer != null && !takeShare(bytes)) {
                inFlight.addAndGet(-bytes);
                throw busy("Your address has as many request bodies in flight as one client may",
                        "streamgate.memory.bodies-in-flight-per-address");
            }
            held += bytes;
        }

        private boolean takeShare(long bytes) {
            boolean[] taken = {false};
            byAddress.compute(peer, (address, before) -> {
                long now = (before == null ? 0 : before) + bytes;
                taken[0] = now <= perAddress;
                return taken[0] ? Long.valueOf(now) : before;
            });
            return taken[0];
        }

        @Override
        public void close() {
            inFlight.addAndGet(-held);
            if (peer != null && held > 0) {
                long giveBack = held;
                byAddress.computeIfPresent(peer, (address, before) -> before - giveBack <= 0 ? null : before - giveBack);
            }
            held = 0;
        }

        private GatewayException busy(String why, String limit) {
            GatewayException busy = new GatewayException(HttpStatus.SERVICE_UNAVAILABLE, "Gateway busy",
                    why + "; nothing of this request was kept or stored. Retry after the delay given.",
                    Map.of("limit", limit));
            busy.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds));
            return busy;
        }
    }
}
