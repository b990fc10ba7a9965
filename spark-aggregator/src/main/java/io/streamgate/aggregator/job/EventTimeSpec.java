package io.streamgate.aggregator.job;

import java.util.List;

/**
 * The event time: the named fields joined by one space, parsed with the first matching format. A format is a
 * {@link java.time.format.DateTimeFormatter} pattern read as local time in {@code zone}, or one of
 * {@code iso-8601} (must carry an offset), {@code epoch-millis}, {@code epoch-seconds}.
 */
public record EventTimeSpec(List<String> fields, List<String> formats, String zone) {

    public static final String ISO = "iso-8601";
    public static final String EPOCH_MILLIS = "epoch-millis";
    public static final String EPOCH_SECONDS = "epoch-seconds";

    public EventTimeSpec {
        fields = fields == null ? List.of() : List.copyOf(fields);
        formats = formats == null ? List.of() : List.copyOf(formats);
        zone = zone == null ? "UTC" : zone;
    }
}
