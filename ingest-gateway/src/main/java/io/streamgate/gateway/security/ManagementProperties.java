package io.streamgate.gateway.security;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code streamgate.management}: the operator's HTTP basic credentials for the actuator endpoints that are not open
 * (everything but health and info).
 *
 * @param username the operator's user name
 * @param password the operator's password, plain or in Spring Security's {@code {id}encoded} form (e.g.
 *     {@code {bcrypt}$2a$...}); empty leaves those endpoints closed to everyone
 */
@Validated
@ConfigurationProperties("streamgate.management")
public record ManagementProperties(
        @DefaultValue("operator") @NotBlank String username,
        @DefaultValue("") String password) {

    @Override
    public String toString() {
        return "ManagementProperties[username=" + username + ", password=" + (password.isEmpty() ? "" : "******")
                + "]";
    }
}
