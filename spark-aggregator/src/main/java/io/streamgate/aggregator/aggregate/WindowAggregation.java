package io.streamgate.aggregator.aggregate;

import io.streamgate.aggregator.job.JobSpec;
import io.streamgate.aggregator.job.MeasureSpec;
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
 * Clean events to event-time windows: one row per window and group with the job's measures. On a stream the
 * watermark bounds the state (a window is closed, and dropped from state, once the watermark passes its end); on
 * static data the same code is a plain batch aggregation.
 */
public final class WindowAggregation {

    private final JobSpec job;

    public WindowAggregation(JobSpec job) {
        this.job = job;
    }

    public Dataset<Row> apply(Dataset<Row> events) {
        Column window = functions.window(col(Columns.EVENT_TIME), interval(job.window().lengthDuration()),
                interval(job.window().slideDuration()));
        List<Column> keys = new ArrayList<>(List.of(window.as("window")));
        keys.addAll(List.of(Columns.cols(job.groupBy())));
        Column[] measures = job.measures().stream().map(WindowAggregation::measure).toArray(Column[]::new);
        List<Column> output = new ArrayList<>(List.of(
                functions.col("window.start").as(Columns.WINDOW_START), functions.col("window.end").as(Columns.WINDOW_END)));
        output.addAll(List.of(Columns.cols(job.groupBy())));
        job.measures().forEach(m -> output.add(col(m.name())));
        return events.withWatermark(Columns.EVENT_TIME, interval(job.watermarkDelay()))
                .groupBy(keys.toArray(Column[]::new))
                .agg(measures[0], java.util.Arrays.copyOfRange(measures, 1, measures.length))
                .select(output.toArray(Column[]::new));
    }

    /** The columns identifying one window row: its bounds and the group-by fields. */
    public List<String> keyColumns() {
        List<String> key = new ArrayList<>(List.of(Columns.WINDOW_START, Columns.WINDOW_END));
        key.addAll(job.groupBy());
        return key;
    }

    private static Column measure(MeasureSpec m) {
        Column value = m.field() == null ? functions.lit(1) : col(m.field());
        Column aggregate = switch (m.kind()) {
            case SUM -> functions.sum(value);
            case COUNT -> functions.count(value);
            case MIN -> functions.min(value);
            case MAX -> functions.max(value);
            case AVG -> functions.avg(value);
            case COUNTER_DELTA -> functions.sum(col(Columns.deltaOf(m.field())));
        };
        return aggregate.as(m.name());
    }

    private static String interval(Duration duration) {
        return duration.toMillis() + " milliseconds";
    }
}
