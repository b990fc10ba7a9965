package io.streamgate.aggregator.sql;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

import java.util.List;

/** Column names of the lake tables, and references to job fields whose names may hold '/', '.' or spaces. */
public final class Columns {

    public static final String EVENT_TIME = "event_time";
    /** The UTC date of the event time: the partition column of {@code events}, so lookups by time prune files. */
    public static final String EVENT_DATE = "event_date";
    public static final String KAFKA_TOPIC = "kafka_topic";
    public static final String KAFKA_PARTITION = "kafka_partition";
    public static final String KAFKA_OFFSET = "kafka_offset";
    public static final String WINDOW_START = "window_start";
    public static final String WINDOW_END = "window_end";
    /** A local window's bounds on the zone's wall clock, as {@code yyyy-MM-ddTHH:mm:ss} text. */
    public static final String WINDOW_START_LOCAL = "window_start_local";
    public static final String WINDOW_END_LOCAL = "window_end_local";
    /** Why a record was rejected; null on clean events. Only between parsing and the batch writer. */
    public static final String REASON = "_reason";
    public static final String RAW_KEY = "_raw_key";
    public static final String RAW_VALUE = "_raw_value";

    private Columns() {
    }

    public static Column col(String name) {
        return functions.col(quote(name));
    }

    public static Column col(String table, String name) {
        return functions.col(table + "." + quote(name));
    }

    /** Column names in a SQL expression, quoted like {@link #col}. */
    public static String quote(String table, String name) {
        return table + "." + quote(name);
    }

    public static Column[] cols(List<String> names) {
        return names.stream().map(Columns::col).toArray(Column[]::new);
    }

    /** Column names for Spark's using-column joins, which take a Scala sequence. */
    public static scala.collection.Seq<String> names(List<String> names) {
        return scala.collection.JavaConverters.asScalaBuffer(names).toList();
    }

    public static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
