package io.streamgate.gateway.verify;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code streamgate.sources.<id>.verify}: the signature scheme and its secrets.
 *
 * @param scheme the provider's scheme
 * @param secrets every secret currently valid (several at once while one is being rotated)
 * @param tolerance how far a signed timestamp may be from now, either way (timestamped schemes)
 */
public record VerifyProperties(
        @DefaultValue("none") VerifyScheme scheme,
        @DefaultValue List<String> secrets,
        @DefaultValue("5m") Duration tolerance) {
}
