package io.streamgate.gateway.events;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code streamgate.sources.<id>.events.time}: where a record's event time comes from. Set {@code pointer} for
 * JSON records or {@code columns} for CSV rows (their values joined with a space, e.g. DATE and TIME); leave both
 * empty to use the time the request was received. A value with an offset ({@code 2024-09-14T04:00:00Z}) is taken
 * as is; else it is read with the first of {@code formats} that fits, as local time in {@code zone}.
 *
 * @param pointer a JSON pointer into a JSON record, e.g. {@code /timestamp}
 * @param columns CSV columns, e.g. {@code [DATE, TIME]}
 * @param formats {@link DateTimeFormatter} patterns tried in order, e.g. {@code MM/dd/yyyy HH:mm:ss}
 * @param zone the time zone of local times, e.g. {@code America/New_York}
 */
public record EventTimeProperties(
        @DefaultValue("") String pointer,
        @DefaultValue List<String> columns,
        @DefaultValue List<String> formats,
        @DefaultValue("UTC") @NotNull ZoneId zone) {

    @AssertTrue(message = "every format must be a valid DateTimeFormatter pattern")
    public boolean isFormatsValid() {
        try {
            formats.forEach(DateTimeFormatter::ofPattern);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @AssertTrue(message = "pointer must be empty or a JSON pointer starting with '/'")
    public boolean isPointerValid() {
        return pointer.isEmpty() || pointer.startsWith("/");
    }
}
