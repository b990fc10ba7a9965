package io.streamgate.gateway.auth;

import java.util.List;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code streamgate.sources.<id>.auth}: how an events source's callers authenticate.
 *
 * @param apiKeys every key currently valid (several at once while one is being rotated)
 */
public record AuthProperties(@DefaultValue List<String> apiKeys) {
}
