package io.streamgate.poller.ops;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code streamgate.management}: the operator's HTTP basic credentials, the same keys as the gateway's.
 *
 * @param username the operator's user name
 * @param password plain or in Spring Security's {@code {id}encoded} form; empty closes the operator endpoints
 */
@Validated
@ConfigurationProperties("streamgate.management")
record OperatorCredentials(@DefaultValue("operator") @NotBlank String username, @DefaultValue("") String password) {

    @Override
    public String toString() {
        return "OperatorCredentials[username=" + username + ", password=" + (password.isEmpty() ? "" : "******")
                + "]";
    }
}
