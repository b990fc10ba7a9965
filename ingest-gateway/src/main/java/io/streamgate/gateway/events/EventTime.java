package io.streamgate.gateway.events;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.DateTimeException;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamgate.core.split.MalformedBodyException;
import io.streamgate.gateway.time.Rfc3339;

/** A source's event-time rule ({@link EventTimeProperties}) applied to one record; times come out in UTC. */
final class EventTime {

    private final EventTimeProperties properties;
    private final List<DateTimeFormatter> formats;

    EventTime(EventTimeProperties properties) {
        this.properties = properties;
        this.formats = properties.formats().stream().map(DateTimeFormatter::ofPattern).toList();
    }

    /** Whether {@link #ofJson} reads the record (else every record gets the receive time). */
    boolean readsJson() {
        return !properties.pointer().isEmpty();
    }

    /** The time of JSON record {@code index}: at the configured pointer, else {@code received}. */
    OffsetDateTime ofJson(JsonNode record, int index, OffsetDateTime received) {
        if (!readsJson()) {
            return received;
        }
        JsonNode node = record.at(properties.pointer());
        if (!node.isValueNode() || node.isNull()) {
            throw new MalformedBodyException("record " + index + " has no event time at '" + properties.pointer()
                    + "'", index);
        }
        return parse(node.asText(), index);
    }

    /** The time of CSV row {@code index} from its configured columns, else {@code received}. */
    OffsetDateTime ofRow(Function<String, String> column, int index, OffsetDateTime received) {
        if (properties.columns().isEmpty()) {
            return received;
        }
        StringBuilder text = new StringBuilder();
        for (String name : properties.columns()) {
            String value = column.apply(name);
            if (value == null) {
                throw new MalformedBodyException("record " + index + " has no column '" + name + "'", index);
            }
            text.append(text.isEmpty() ? "" : " ").append(value.trim());
        }
        return parse(text.toString(), index);
    }

    OffsetDateTime parse(String text, int index) {
        return tryParse(text).orElseThrow(() -> new MalformedBodyException("record " + index
                + " has an event time that fits none of the source's formats: '" + text + "'", index));
    }

    /** A sender's own time, in UTC; one outside the years 0000-9999 (no RFC 3339 form) is a 400 naming it. */
    static OffsetDateTime require(OffsetDateTime time, int index) {
        OffsetDateTime utc = Rfc3339.utc(time);
        if (utc == null) {
            throw new MalformedBodyException("record " + Math.max(index, 0) + " has an event time outside the "
                    + "years 0000-9999", index);
        }
        return utc;
    }

    private Optional<OffsetDateTime> tryParse(String text) {
        OffsetDateTime withOffset = Rfc3339.parse(text);
        if (withOffset != null) {
            return Optional.of(withOffset);
        }
        for (DateTimeFormatter format : formats) {
            try {
                return Optional.ofNullable(Rfc3339.utc(LocalDateTime.parse(text, format).atZone(properties.zone())
                        .toOffsetDateTime()));
            } catch (DateTimeException tryNext) {
                // the next format may fit
            }
        }
        return Optional.empty();
    }
}
