package io.streamgate.poller.source;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Everything the poller is told: the sources to pull ({@code streamgate.poller.sources.<id>}), where cursors live,
 * and the limits that make it a good client.
 *
 * @param cursorTopic compacted topic holding each source's cursor, keyed by source id
 * @param cursorPartitions its partitions when the poller creates it: a source loading its cursor reads only its
 *        own partition and waits out only transactions of sources that share it
 * @param transactionalIdPrefix prefix of each source's {@code transactional.id} ({@code <prefix>-<source id>});
 *        two instances with the same prefix fence each other per source
 * @param maxConcurrentRuns how many requests may be in flight at the same time, across all sources (a run that
 *        waits between retries holds none)
 * @param failoverAfter how soon the sources of a replica that died move to the others (the lease group's session
 *        timeout)
 * @param http HTTP client defaults shared by all sources
 * @param sources the sources by id (lower case letters, digits, '.', '_', '-')
 */
@Validated
@ConfigurationProperties("streamgate.poller")
public record PollerProperties(
        @NotBlank @DefaultValue("streamgate.poller.cursors") String cursorTopic,
        @Min(1) @DefaultValue("16") int cursorPartitions,
        @NotBlank @DefaultValue("streamgate-poller") String transactionalIdPrefix,
        @Min(1) @DefaultValue("4") int maxConcurrentRuns,
        @NotNull @DefaultValue("10s") Duration failoverAfter,
        @Valid @NotNull @DefaultValue HttpSettings http,
        @Valid @NotNull Map<@Pattern(regexp = "[a-z0-9][a-z0-9._-]*") String, @Valid SourceConfig> sources) {

    public PollerProperties {
        sources = sources == null ? Map.of() : Map.copyOf(sources);
    }

    /**
     * @param connectTimeout TCP connect timeout
     * @param requestTimeout time for a whole response
     * @param maxAttempts attempts per request, the first included (429, 5xx and I/O errors are retried)
     * @param backoffInitial first backoff; it grows by {@code backoffMultiplier} with +/- {@code backoffJitter}
     * @param maxRetryWait a {@code Retry-After} longer than this ends the run and delays the next one instead
     * @param ratePerSecond requests per second per host
     * @param breakerFailureRate percentage of failed calls that opens a host's circuit breaker
     * @param breakerOpenFor how long an open breaker rejects calls before letting a probe through
     */
    public record HttpSettings(
            @NotNull @DefaultValue("5s") Duration connectTimeout,
            @NotNull @DefaultValue("30s") Duration requestTimeout,
            @Min(1) @DefaultValue("4") int maxAttempts,
            @NotNull @DefaultValue("500ms") Duration backoffInitial,
            @DefaultValue("2.0") double backoffMultiplier,
            @DefaultValue("0.5") double backoffJitter,
            @NotNull @DefaultValue("30s") Duration maxRetryWait,
            @Min(1) @DefaultValue("20") int ratePerSecond,
            @Min(1) @DefaultValue("50") int breakerFailureRate,
            @NotNull @DefaultValue("30s") Duration breakerOpenFor) {
    }
}
