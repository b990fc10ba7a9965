package io.streamgate.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import io.streamgate.gateway.problem.GatewayException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;

class AuthenticatorTest {

    final Authenticator authenticator = new Authenticator();
    final AuthProperties auth = new AuthProperties(List.of("old-key", "new-key"),
            new AuthProperties.Basic("loader", List.of("pw")), List.of("push"));

    @Test
    void everyKindOfCredentialIsAcceptedAndTheIdentityNeverHoldsTheSecret() {
        assertThat(authenticator.authenticate(auth, request("Authorization", "bearer new-key")))
                .startsWith("key:").doesNotContain("new-key");
        assertThat(authenticator.authenticate(auth, request("X-API-Key", "old-key"))).startsWith("key:");
        assertThat(authenticator.authenticate(auth, request("Authorization", "Basic "
                + Base64.getEncoder().encodeToString("loader:pw".getBytes(StandardCharsets.UTF_8)))))
                .isEqualTo("basic:loader");
        MockHttpServletRequest push = new MockHttpServletRequest("POST", "/events/s");
        push.setQueryString("a=1&token=pus%68&token=other");
        assertThat(authenticator.authenticate(auth, push)).startsWith("token:");
    }

    /** A push token is read from the query only: a form body is not parsed, a broken escape is no token. */
    @Test
    void aPushTokenCountsOnlyFromTheQuery() {
        MockHttpServletRequest inBody = new MockHttpServletRequest("POST", "/events/s");
        inBody.setContentType("application/x-www-form-urlencoded");
        inBody.setContent("token=push".getBytes(StandardCharsets.UTF_8));
        inBody.setParameter("token", "push"); // what the container would parse out of that body
        MockHttpServletRequest broken = new MockHttpServletRequest("POST", "/events/s");
        broken.setQueryString("token=%zz");
        MockHttpServletRequest prefixed = new MockHttpServletRequest("POST", "/events/s");
        prefixed.setQueryString("xtoken=push&token");
        for (MockHttpServletRequest request : List.of(inBody, broken, prefixed)) {
            assertThatThrownBy(() -> authenticator.authenticate(auth, request))
                    .isInstanceOfSatisfying(GatewayException.class,
                            e -> assertThat(e.getStatusCode().value()).isEqualTo(401));
        }
    }

    @Test
    void twoKeysGetTwoIdentitiesSoThatEachHasItsOwnRateLimit() {
        assertThat(authenticator.authenticate(auth, request("X-API-Key", "old-key")))
                .isNotEqualTo(authenticator.authenticate(auth, request("X-API-Key", "new-key")));
    }

    @Test
    void aWrongOrMissingCredentialIsA401WithAChallenge() {
        for (MockHttpServletRequest request : List.of(request("X-API-Key", "new-key "), request("X-Other", "x"),
                request("Authorization", "Basic !!!"), request("Authorization", "Bearer pw"))) {
            assertThatThrownBy(() -> authenticator.authenticate(auth, request))
                    .isInstanceOfSatisfying(GatewayException.class, e -> {
                        assertThat(e.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
                        assertThat(e.getHeaders().get("WWW-Authenticate")).hasSize(2);
                    });
        }
    }

    @Test
    void aSourceWithoutCredentialsIsOpen() {
        AuthProperties none = new AuthProperties(List.of(), new AuthProperties.Basic("", List.of()), List.of());
        assertThat(authenticator.authenticate(none, request("X-Other", "x"))).isEqualTo("anonymous");
    }

    private static MockHttpServletRequest request(String header, String value) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/events/s");
        request.addHeader(header, value);
        return request;
    }
}
