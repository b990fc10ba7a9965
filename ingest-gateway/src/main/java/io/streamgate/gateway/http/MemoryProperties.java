package io.streamgate.gateway.http;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code streamgate.memory}: how much request body the gateway holds at once, over all requests.
 *
 * @param bodiesInFlight the most bytes of request bodies being read, checked and sent at once; a request that would
 *     go past it is answered 503 with {@code Retry-After} before its body is read. Unset: a quarter of the heap
 *     ({@code -Xmx}), which leaves room for the records made from the bodies, the producer's buffer and the rest
 * @param bodiesInFlightPerAddress the most of that one client address may hold (a trusted proxy, which carries
 *     many clients, is not bounded by it): a body's length is taken before its signature or key can be checked,
 *     so without it one address with no credentials could take the whole budget. Unset: a quarter of the budget
 * @param retryAfter the {@code Retry-After} of that 503
 */
@Validated
@ConfigurationProperties("streamgate.memory")
public record MemoryProperties(DataSize bodiesInFlight, DataSize bodiesInFlightPerAddress,
        @DefaultValue("1s") @NotNull Duration retryAfter) {

    static final int HEAP_SHARE = 4;
    static final int ADDRESS_SHARE = 4;

    @AssertTrue(message = "bodies-in-flight must be positive (or unset: a quarter of the heap)")
    public boolean isBodiesInFlightPositive() {
        return bodiesInFlight == null || bodiesInFlight.toBytes() > 0;
    }

    @AssertTrue(message = "bodies-in-flight-per-address must be positive (or unset: a quarter of bodies-in-flight)")
    public boolean isBodiesInFlightPerAddressPositive() {
        return bodiesInFlightPerAddress == null || bodiesInFlightPerAddress.toBytes() > 0;
    }

    /** One client address's share of the budget in bytes: as configured, else a quarter of the budget. */
    public long perAddressBytes() {
        return bodiesInFlightPerAddress != null ? bodiesInFlightPerAddress.toBytes() : budgetBytes() / ADDRESS_SHARE;
    }

    /** The budget in bytes: as configured, else from the heap. */
    public long budgetBytes() {
        return bodiesInFlight != null ? bodiesInFlight.toBytes() : Runtime.getRuntime().maxMemory() / HEAP_SHARE;
    }
}
