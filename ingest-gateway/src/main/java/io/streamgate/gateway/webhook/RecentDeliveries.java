package io.streamgate.gateway.webhook;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.streamgate.gateway.source.Source;
import io.streamgate.gateway.source.SourceKind;
import io.streamgate.gateway.source.SourceRegistry;
import org.springframework.stereotype.Component;

/**
 * The delivery ids each webhook source had acknowledged within its {@code dedup-window}, so that a provider's
 * redelivery is answered 2xx without a second record. Best effort and per instance: an id is remembered only after
 * Kafka acknowledged its record, the cache is bounded, and exact dedup happens downstream by {@code ce_id}.
 */
@Component
class RecentDeliveries {

    private final Map<String, Cache<String, Boolean>> bySource;

    RecentDeliveries(SourceRegistry sources, WebhookProperties properties) {
        this.bySource = sources.all().values().stream()
                .filter(source -> source.properties().kind() == SourceKind.WEBHOOK)
                .filter(source -> source.properties().dedupWindow().compareTo(Duration.ZERO) > 0)
                .collect(Collectors.toUnmodifiableMap(Source::id, source -> Caffeine.newBuilder()
                        .expireAfterWrite(source.properties().dedupWindow())
                        // upkeep on the writing thread, in small amortised steps: handed to the common pool (one
                        // thread on two cores), it made webhooks 2.5x slower for the first half minute under load
                        .executor(Runnable::run)
                        .maximumSize(properties.dedupCapacity())
                        .build()));
    }

    boolean seen(String sourceId, String eventId) {
        Cache<String, Boolean> cache = bySource.get(sourceId);
        return cache != null && cache.getIfPresent(eventId) != null;
    }

    void remember(String sourceId, String eventId) {
        Cache<String, Boolean> cache = bySource.get(sourceId);
        if (cache != null) {
            cache.put(eventId, Boolean.TRUE);
        }
    }
}
