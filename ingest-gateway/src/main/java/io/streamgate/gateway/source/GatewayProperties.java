package io.streamgate.gateway.source;

import java.util.Map;

import jakarta.validation.Valid;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** The gateway's sources, {@code streamgate.sources.<id>}; a bad entry fails start-up naming its key. */
@Validated
@ConfigurationProperties("streamgate")
public record GatewayProperties(@DefaultValue Map<String, @Valid SourceProperties> sources) {
}
