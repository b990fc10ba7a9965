package io.streamgate.gateway.connection;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * What one client may take of the gateway's connections, {@code streamgate.connections}.
 *
 * @param headerTimeout how long a request's line and headers may take to arrive, counted while the gateway waits
 *     on the client (nginx {@code client_header_timeout}); past it the client gets 408 and the connection closes
 * @param minBodyRate the slowest average rate a body may arrive at, per second, once {@code headerTimeout} of
 *     waiting on the body has passed (Jetty's {@code minRequestDataRate}); slower: 408 and close
 * @param maxConnections most connections held at once, all clients together; unset: sized from the heap (see
 *     {@link ConnectionBudget#fromHeap})
 * @param maxPerAddress most connections one TCP peer address may hold; past it a new one is closed at once
 * @param trustedProxies addresses or CIDR blocks of the proxies in front of the gateway: exempt from
 *     {@code maxPerAddress} (they carry many clients; a cap counts TCP peers at accept, before any
 *     {@code X-Forwarded-For} could be read)
 */
@Validated
@ConfigurationProperties("streamgate.connections")
public record ConnectionProperties(
        @DefaultValue("10s") @NotNull @DurationMin(millis = 1) Duration headerTimeout,
        @DefaultValue("1KB") @NotNull DataSize minBodyRate,
        @Min(1) Integer maxConnections,
        @DefaultValue("128") @Min(1) int maxPerAddress,
        @DefaultValue({}) @NotNull List<String> trustedProxies) {

    /** Whether a peer is one of the {@code trusted-proxies} (peers carrying many clients); parsed once. */
    public Predicate<InetAddress> trustedProxy() {
        List<AddressBlock> blocks = trustedProxies.stream().map(AddressBlock::parse).toList();
        return peer -> blocks.stream().anyMatch(block -> block.contains(peer));
    }

    @AssertTrue(message = "min-body-rate must be positive")
    public boolean isMinBodyRatePositive() {
        return minBodyRate == null || minBodyRate.toBytes() > 0;
    }

    @AssertTrue(message = "trusted-proxies: each entry must be an IP address or CIDR block (10.0.0.0/8, ::1)")
    public boolean isTrustedProxiesValid() {
        return trustedProxies == null || trustedProxies.stream().allMatch(AddressBlock::isValid);
    }
}
