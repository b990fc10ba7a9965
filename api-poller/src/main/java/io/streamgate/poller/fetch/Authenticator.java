package io.streamgate.poller.fetch;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.streamgate.poller.page.Uris;
import io.streamgate.poller.source.AuthConfig;

/**
 * Adds a source's credentials to a request. Credentials are added when the request is built, never stored in the
 * URI the cursor keeps, so a query-parameter API key does not end up in the cursor topic.
 */
final class Authenticator {

    private final AuthConfig config;
    private final OAuth2Tokens tokens;

    Authenticator(AuthConfig config, OAuth2Tokens tokens) {
        this.config = config;
        this.tokens = tokens;
    }

    URI uri(URI uri) {
        return config.kind() == AuthConfig.Kind.API_KEY_QUERY ? Uris.with(uri, config.name(), config.value()) : uri;
    }

    void apply(HttpRequest.Builder request) {
        switch (config.kind()) {
            case API_KEY_HEADER -> request.header(config.name(), config.value());
            case BEARER -> request.header("Authorization", "Bearer " + config.value());
            case BASIC -> request.header("Authorization", basic(config.username(), config.password()));
            case OAUTH2 -> request.header("Authorization", "Bearer " + tokens.token());
            case NONE, API_KEY_QUERY -> {
            }
        }
    }

    /** After a 401: whether a fresh credential may help (only an OAuth2 token can be renewed). */
    boolean renew() {
        if (config.kind() != AuthConfig.Kind.OAUTH2) {
            return false;
        }
        tokens.invalidate();
        return true;
    }

    static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
