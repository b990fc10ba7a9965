package io.streamgate.gateway.events;

import java.util.List;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code streamgate.sources.<id>.events}: what an events source accepts.
 *
 * @param columns the CSV columns its rows carry, checked against a body's header row
 */
public record EventsProperties(@DefaultValue List<String> columns) {
}
