package io.streamgate.aggregator.batch;

import io.streamgate.aggregator.job.JobSpec;
import io.streamgate.aggregator.sql.Columns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import static io.streamgate.aggregator.sql.Columns.col;

/**
 * Which clean rows of a batch count: not late (at or after the cut-off, the newest event time accepted before this
 * batch minus the horizon) and not a duplicate. A duplicate has the dedup key and event date of a row already in
 * {@code events} at another Kafka position (the same position is this very row, written by an earlier attempt of
 * the batch), or of an earlier row of the same batch. Duplicates are thus recognised exactly, as far back as
 * {@code events} goes, whatever order and batches they came in; the lookup reads only the batch's event dates.
 */
public final class Acceptance {

    /** The decision per clean row, in {@link #STATUS}. */
    public static final String STATUS = "_status";
    public static final String ACCEPTED = "accepted";
    public static final String LATE = "late";
    public static final String DUPLICATE = "duplicate";

    private static final String RANK = "_rank";
    private static final String KNOWN_AT = "_known_at";
    private static final List<String> POSITION = List.of(Columns.KAFKA_TOPIC, Columns.KAFKA_PARTITION, Columns.KAFKA_OFFSET);

    private final JobSpec job;

    public Acceptance(JobSpec job) {
        this.job = job;
    }

    /**
     * The clean rows with their {@link #STATUS}; one pass, so the caller can count all decisions at once.
     * {@code dates}: the event dates of the rows in time ({@link #inTime}), the partitions of {@code events} the
     * duplicate lookup reads; the caller collects them in the pass over the batch it makes anyway.
     */
    public Dataset<Row> decide(Dataset<Row> clean, Timestamp cutoff, Dataset<Row> events, List<Object> dates) {
        Column inTime = inTime(cutoff);
        Dataset<Row> late = clean.filter(functions.not(inTime)).withColumn(STATUS, functions.lit(LATE));
        Dataset<Row> candidates = clean.filter(inTime);
        // events hold one row per key and date; min() keeps the join one-to-one even if that ever broke
        Dataset<Row> known = events.filter(col(Columns.EVENT_DATE).isin(dates.toArray()))
                .groupBy(Columns.cols(key()))
                .agg(functions.min(functions.struct(Columns.cols(POSITION))).as(KNOWN_AT));
        Column isKnown = col(KNOWN_AT).isNotNull().and(col(KNOWN_AT).notEqual(functions.struct(Columns.cols(POSITION))));
        Dataset<Row> decided = candidates.join(known, Columns.names(key()), "left")
                .withColumn(RANK, functions.row_number().over(Window.partitionBy(Columns.cols(key()))
                        .orderBy(functions.when(isKnown, 1).otherwise(0), col(Columns.KAFKA_TOPIC),
                                col(Columns.KAFKA_PARTITION), col(Columns.KAFKA_OFFSET))))
                .withColumn(STATUS, functions.when(isKnown.or(col(RANK).gt(1)), DUPLICATE).otherwise(ACCEPTED))
                .select(Columns.cols(List.of(late.columns())));
        return late.unionByName(decided);
    }

    /** Whether a row is at or after the cut-off, i.e. not late. */
    public static Column inTime(Timestamp cutoff) {
        return cutoff == null ? functions.lit(true) : col(Columns.EVENT_TIME).geq(functions.lit(cutoff));
    }

    /** The dedup key and the event date (duplicates are looked up in their date's partition). */
    private List<String> key() {
        List<String> key = new ArrayList<>(job.dedupKey());
        key.add(Columns.EVENT_DATE);
        return key;
    }
}
