package io.streamgate.aggregator.sql;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

import java.util.List;

/** Column names of the lake tables, and references to job fields whose names may hold '/', '.' or spaces. */
public final class Columns {

    public static final String EVENT_TIME = "event_time";
    public static final String KAFKA_TOPIC = "kafka_topic";
    public static final String KAFKA_PARTITION = "kafka_partition";
    public static final String KAFKA_OFFSET = "kafka_offset";
    public static final String WINDOW_START = "window_start";
    public static final String WINDOW_END = "window_end";
    /** Why a record was rejected; null on clean events. Only inside the refine query. */
    public static final String REASON = "_reason";
    public static final String RAW_KEY = "_raw_key";
    public static final String RAW_VALUE = "_raw_value";
    /** Why a counter difference of an event was dropped (null when none was). */
    public static final String COUNTER_NOTE = "counter_note";

    private Columns() {
    }

    public static Column col(String name) {
        return functions.col(quote(name));
    }

    public static Column col(String table, String name) {
        return functions.col(table + "." + quote(name));
    }

    public static Column[] cols(List<String> names) {
        return names.stream().map(Columns::col).toArray(Column[]::new);
    }

    public static String deltaOf(String field) {
        return field + "_delta";
    }

    private static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
