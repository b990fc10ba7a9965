package io.streamgate.aggregator.refine;

import io.streamgate.aggregator.job.EventTimeSpec;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

import static org.apache.spark.sql.functions.lit;

/**
 * Event-time text to a UTC timestamp: the first format that parses wins. Patterns are read as local time in the
 * job's zone and converted explicitly (the session time zone is UTC, so {@code to_timestamp} yields the wall clock
 * as if it were UTC, and {@code to_utc_timestamp} then shifts it by the zone's offset at that moment).
 */
final class EventTimes {

    private EventTimes() {
    }

    static Column parse(EventTimeSpec spec, Column text) {
        Column[] candidates = spec.formats().stream().map(f -> parseOne(f, spec.zone(), text)).toArray(Column[]::new);
        return candidates.length == 1 ? candidates[0] : functions.coalesce(candidates);
    }

    private static Column parseOne(String format, String zone, Column text) {
        return switch (format) {
            case EventTimeSpec.ISO -> functions.when(text.rlike("(Z|z|[+-]\\d\\d:?\\d\\d)$"), text.cast(DataTypes.TimestampType));
            case EventTimeSpec.EPOCH_MILLIS -> functions.timestamp_seconds(text.cast("decimal(20,0)").divide(lit(1000)));
            case EventTimeSpec.EPOCH_SECONDS -> functions.timestamp_seconds(text.cast("decimal(20,3)"));
            default -> functions.to_utc_timestamp(functions.to_timestamp(text, format), zone);
        };
    }
}
