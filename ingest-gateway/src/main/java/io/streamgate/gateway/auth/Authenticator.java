package io.streamgate.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;

import io.streamgate.gateway.problem.GatewayException;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.codec.digest.DigestUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Checks an events request's credentials against its source's {@link AuthProperties}: an API key
 * ({@code Authorization: Bearer} or {@code X-API-Key}), basic auth, or a Pub/Sub push token ({@code ?token=}).
 * Secrets are compared as SHA-256 digests with {@link MessageDigest#isEqual}, against every configured value
 * without stopping at a match, so neither the length nor the position of a match shows in the timing.
 */
@Component
public class Authenticator {

    static final String API_KEY_HEADER = "X-API-Key";
    static final String PUSH_TOKEN_PARAMETER = "token";

    /**
     * The caller's identity (for per-credential rate limits; never the secret itself), or {@code anonymous} for an
     * open source.
     *
     * @throws GatewayException 401 with {@code WWW-Authenticate} when no valid credential was sent
     */
    public String authenticate(AuthProperties auth, HttpServletRequest request) {
        if (auth.open()) {
            return "anonymous";
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        String apiKey = request.getHeader(API_KEY_HEADER);
        if (apiKey == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            apiKey = authorization.substring(7).trim();
        }
        if (apiKey != null && matchesAny(apiKey, auth.apiKeys())) {
            return "key:" + fingerprint(apiKey);
        }
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6) && auth.basic().configured()
                && basicMatches(authorization.substring(6).trim(), auth.basic())) {
            return "basic:" + auth.basic().username();
        }
        String token = queryParameter(request.getQueryString(), PUSH_TOKEN_PARAMETER);
        if (token != null && matchesAny(token, auth.pushTokens())) {
            return "token:" + fingerprint(token);
        }
        GatewayException unauthorized = new GatewayException(HttpStatus.UNAUTHORIZED, "Unauthorized",
                "This source needs a valid API key (Authorization: Bearer or X-API-Key), basic credentials or push "
                        + "token.");
        unauthorized.getHeaders().add(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"streamgate\"");
        if (auth.basic().configured()) {
            unauthorized.getHeaders().add(HttpHeaders.WWW_AUTHENTICATE,
                    "Basic realm=\"streamgate\", charset=\"UTF-8\"");
        }
        throw unauthorized;
    }

    private static boolean basicMatches(String encoded, AuthProperties.Basic basic) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return false;
        }
        boolean user = matchesAny(decoded.substring(0, colon), List.of(basic.username()));
        boolean password = matchesAny(decoded.substring(colon + 1), basic.passwords());
        return user & password;
    }

    /**
     * The first value of a query parameter, decoded, or null (absent, or not decodable). From the query string
     * only: the servlet's {@code getParameter} would also parse a form body, outside the body's size limit and the
     * memory budget, and answer a malformed one with an exception of the container's.
     */
    static String queryParameter(String query, String name) {
        String value = UriComponentsBuilder.newInstance().query(query).build().getQueryParams().getFirst(name);
        try {
            return value == null ? null : UriUtils.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    static boolean matchesAny(String presented, List<String> valid) {
        byte[] digest = DigestUtils.sha256(presented);
        boolean match = false;
        for (String candidate : valid) {
            match |= MessageDigest.isEqual(digest, DigestUtils.sha256(candidate));
        }
        return match;
    }

    /** Enough of a digest to tell credentials apart in buckets and logs without revealing them. */
    private static String fingerprint(String secret) {
        return DigestUtils.sha256Hex(secret).substring(0, 16);
    }
}
