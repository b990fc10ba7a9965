package io.streamgate.aggregator.aggregate;

import io.streamgate.aggregator.job.JobSpec;
import io.streamgate.aggregator.sql.Columns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.streamgate.aggregator.sql.Columns.col;

/**
 * A batch's contributions (one row per accepted reading, plus counter corrections) to partial window aggregates: a
 * plain batch aggregation, no streaming state. The result has the {@code windows} table's schema, so a new window
 * is inserted as it is and an existing one has the partial added to it ({@link WindowMerge}).
 */
public final class WindowPartials {

    private static final String LOCAL_FORMAT = "yyyy-MM-dd'T'HH:mm:ss";

    private final JobSpec job;
    private final MeasureColumns measures;

    public WindowPartials(JobSpec job) {
        this.job = job;
        this.measures = new MeasureColumns(job);
    }

    /** The plain contributions of accepted readings (every measure but counter deltas). */
    public Dataset<Row> contributions(Dataset<Row> readings) {
        List<Column> columns = new ArrayList<>(List.of(col(Columns.EVENT_TIME)));
        columns.addAll(List.of(Columns.cols(job.groupBy())));
        columns.addAll(measures.plainContributions());
        return readings.select(columns.toArray(Column[]::new));
    }

    /**
     * Partial aggregates per window and group. Local windows are cut on the zone's wall clock (the event time
     * shifted to it, as {@code from_utc_timestamp} does) and keep their UTC bounds as the key, beside the local ones
     * as text: at a fall-back change the local bounds alone would not say which of the two 01:00 is meant.
     */
    public Dataset<Row> aggregate(Dataset<Row> contributions) {
        boolean local = job.window().local();
        String zone = job.eventTime().zone();
        Column time = local ? functions.from_utc_timestamp(col(Columns.EVENT_TIME), zone) : col(Columns.EVENT_TIME);
        Column window = functions.window(time, interval(job.window().lengthDuration()),
                interval(job.window().slideDuration()));
        List<Column> keys = new ArrayList<>(List.of(window.as("window")));
        keys.addAll(List.of(Columns.cols(job.groupBy())));
        Column[] partials = measures.partials().toArray(Column[]::new);
        Column start = functions.col("window.start");
        Column end = functions.col("window.end");
        List<Column> output = new ArrayList<>();
        if (local) {
            output.add(functions.to_utc_timestamp(start, zone).as(Columns.WINDOW_START));
            output.add(functions.to_utc_timestamp(end, zone).as(Columns.WINDOW_END));
            output.add(functions.date_format(start, LOCAL_FORMAT).as(Columns.WINDOW_START_LOCAL));
            output.add(functions.date_format(end, LOCAL_FORMAT).as(Columns.WINDOW_END_LOCAL));
        } else {
            output.add(start.as(Columns.WINDOW_START));
            output.add(end.as(Columns.WINDOW_END));
        }
        output.addAll(List.of(Columns.cols(job.groupBy())));
        output.addAll(measures.visibleThenHidden());
        return contributions.groupBy(keys.toArray(Column[]::new))
                .agg(partials[0], java.util.Arrays.copyOfRange(partials, 1, partials.length))
                .select(output.toArray(Column[]::new));
    }

    /** The columns identifying one window row: its bounds and the group-by fields. */
    public List<String> keyColumns() {
        List<String> key = new ArrayList<>(List.of(Columns.WINDOW_START, Columns.WINDOW_END));
        key.addAll(job.groupBy());
        return key;
    }

    /**
     * The visible columns of a windows table: the key (local bounds after the UTC ones, for local windows) and the
     * measures, without the hidden partial columns.
     */
    public List<String> visibleColumns() {
        List<String> visible = new ArrayList<>(keyColumns());
        if (job.window().local()) {
            visible.addAll(2, List.of(Columns.WINDOW_START_LOCAL, Columns.WINDOW_END_LOCAL));
        }
        job.measures().forEach(m -> visible.add(m.name()));
        return visible;
    }

    MeasureColumns measures() {
        return measures;
    }

    private static String interval(Duration duration) {
        return duration.toMillis() + " milliseconds";
    }
}
