package io.streamgate.gateway.auth;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code streamgate.sources.<id>.auth}: how an events source's callers authenticate. Every list holds all values
 * currently valid, so a credential is rotated by adding the new one, moving callers over, then removing the old.
 * A source with none of them configured is open (the gateway logs a warning at start-up).
 *
 * @param apiKeys API keys, sent as {@code Authorization: Bearer <key>} or {@code X-API-Key: <key>}
 * @param basic one user for HTTP basic auth
 * @param pushTokens shared tokens for Google Pub/Sub push subscriptions, sent as the {@code token} query parameter
 *     of the push endpoint URL (Pub/Sub cannot add headers of its own)
 */
public record AuthProperties(
        @DefaultValue List<@NotBlank String> apiKeys,
        @Valid @DefaultValue Basic basic,
        @DefaultValue List<@NotBlank String> pushTokens) {

    /** True when no credential of any kind is configured. */
    public boolean open() {
        return apiKeys.isEmpty() && !basic.configured() && pushTokens.isEmpty();
    }

    /**
     * {@code auth.basic}: both or neither.
     *
     * @param username the user name
     * @param passwords every password currently valid for that user
     */
    public record Basic(@DefaultValue("") String username, @DefaultValue List<@NotBlank String> passwords) {

        boolean configured() {
            return !username.isEmpty();
        }

        @AssertTrue(message = "auth.basic needs both a username and at least one password, or neither")
        public boolean isComplete() {
            return username.isEmpty() == passwords.isEmpty();
        }
    }
}
