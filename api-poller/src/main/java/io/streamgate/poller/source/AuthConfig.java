package io.streamgate.poller.source;

import java.net.URI;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a source's requests authenticate.
 *
 * @param kind NONE, API_KEY_HEADER ({@code name}: {@code value}), API_KEY_QUERY ({@code ?name=value}), BEARER
 *        ({@code value} is the token), BASIC ({@code username}/{@code password}), OAUTH2 (client credentials at
 *        {@code tokenUrl}, refreshed before expiry and on a 401)
 */
public record AuthConfig(
        @NotNull @DefaultValue("NONE") Kind kind,
        @DefaultValue("") String name,
        @DefaultValue("") String value,
        @DefaultValue("") String username,
        @DefaultValue("") String password,
        URI tokenUrl,
        @DefaultValue("") String clientId,
        @DefaultValue("") String clientSecret,
        @DefaultValue("") String scope) {

    public enum Kind { NONE, API_KEY_HEADER, API_KEY_QUERY, BEARER, BASIC, OAUTH2 }

    @AssertTrue(message = "the auth kind's settings are incomplete (API keys: name and value; BEARER: value; "
            + "BASIC: username; OAUTH2: token-url, client-id and client-secret)")
    public boolean isComplete() {
        return switch (kind == null ? Kind.NONE : kind) {
            case NONE -> true;
            case API_KEY_HEADER, API_KEY_QUERY -> !name.isBlank() && !value.isBlank();
            case BEARER -> !value.isBlank();
            case BASIC -> !username.isBlank();
            case OAUTH2 -> tokenUrl != null && !clientId.isBlank() && !clientSecret.isBlank();
        };
    }
}
