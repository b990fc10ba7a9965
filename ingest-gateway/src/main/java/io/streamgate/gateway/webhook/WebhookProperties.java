package io.streamgate.gateway.webhook;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code streamgate.webhooks}: settings shared by all webhook sources (each source's own are under
 * {@code streamgate.sources.<id>}).
 *
 * @param dedupCapacity how many recent delivery ids each source remembers to answer a redelivery without a second
 *     record; the oldest are forgotten first, so memory stays bounded whatever the traffic
 */
@Validated
@ConfigurationProperties("streamgate.webhooks")
record WebhookProperties(@DefaultValue("100000") @Positive long dedupCapacity) {
}
