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

    public Dataset<Row> aggregate(Dataset<Row> contributions) {
        Column window = functions.window(col(Columns.EVENT_TIME), interval(job.window().lengthDuration()),
                interval(job.window().slideDuration()));
        List<Column> keys = new ArrayList<>(List.of(window.as("window")));
        keys.addAll(List.of(Columns.cols(job.groupBy())));
        Column[] partials = measures.partials().toArray(Column[]::new);
        List<Column> output = new ArrayList<>(List.of(functions.col("window.start").as(Columns.WINDOW_START),
                functions.col("window.end").as(Columns.WINDOW_END)));
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

    /** The visible columns of a windows table: the key and the measures, without the hidden partial columns. */
    public List<String> visibleColumns() {
        List<String> visible = new ArrayList<>(keyColumns());
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
