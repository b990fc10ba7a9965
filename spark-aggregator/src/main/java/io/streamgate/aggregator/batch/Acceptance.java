package io.streamgate.aggregator.batch;

import io.streamgate.aggregator.job.JobSpec;
import io.streamgate.aggregator.sql.Columns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
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

    /** Whether a row of {@link #candidates} is a duplicate. */
    public static final String DUPLICATE_FLAG = "_duplicate";
    /** A row's Kafka position: its identity within a batch. */
    public static final List<String> POSITION = List.of(Columns.KAFKA_TOPIC, Columns.KAFKA_PARTITION, Columns.KAFKA_OFFSET);

    private static final String RANK = "_rank";
    private static final String KNOWN_AT = "_known_at";
    private static final String SOURCE = "_source";

    private final JobSpec job;

    public Acceptance(JobSpec job) {
        this.job = job;
    }

    /**
     * The clean rows with their {@link #STATUS}, in one go (a batch on its own: the tests' static batches).
     * {@code dates}: the event dates of the rows in time ({@link #inTime}), the partitions of {@code events} the
     * duplicate lookup reads.
     */
    public Dataset<Row> decide(Dataset<Row> clean, Timestamp cutoff, Dataset<Row> events, List<Object> dates) {
        Dataset<Row> duplicates = candidates(clean, cutoff, events, dates).filter(col(DUPLICATE_FLAG));
        return decide(clean, cutoff, duplicates);
    }

    /**
     * The in-time clean rows, narrow: their Kafka position, event time and whether each is a duplicate
     * ({@link #DUPLICATE_FLAG}). Only the key and position of each row go through the shuffle and sort this takes,
     * not the whole row.
     */
    public Dataset<Row> candidates(Dataset<Row> clean, Timestamp cutoff, Dataset<Row> events, List<Object> dates) {
        List<String> keyAndPosition = new ArrayList<>(key());
        keyAndPosition.addAll(POSITION);
        Dataset<Row> known = events.filter(col(Columns.EVENT_DATE).isin(dates.toArray()))
                .select(Columns.cols(keyAndPosition)).withColumn(SOURCE, functions.lit(0));
        keyAndPosition.add(Columns.EVENT_TIME);
        Dataset<Row> fresh = clean.filter(inTime(cutoff)).select(Columns.cols(keyAndPosition))
                .withColumn(SOURCE, functions.lit(1));
        // One shuffle and one sort decide both kinds of duplicate: per key, the rows of events come first, then the
        // batch's rows by Kafka position; the running aggregates at a batch row have seen every row of events.
        WindowSpec byKey = Window.partitionBy(Columns.cols(key())).orderBy(col(SOURCE), col(Columns.KAFKA_TOPIC),
                col(Columns.KAFKA_PARTITION), col(Columns.KAFKA_OFFSET));
        WindowSpec sofar = byKey.rowsBetween(Window.unboundedPreceding(), Window.currentRow());
        Column fromEvents = col(SOURCE).equalTo(0);
        Column position = functions.struct(Columns.cols(POSITION));
        Column knownAt = functions.min(functions.when(fromEvents, position)).over(sofar);
        Column rank = functions.row_number().over(byKey)
                .minus(functions.count(functions.when(fromEvents, 1)).over(sofar));
        // a row of events at this very position is this row, written by an earlier attempt of the batch
        Column isKnown = col(KNOWN_AT).isNotNull().and(col(KNOWN_AT).notEqual(position));
        List<String> output = new ArrayList<>(POSITION);
        output.add(Columns.EVENT_TIME);
        output.add(DUPLICATE_FLAG);
        return fresh.unionByName(known, true)
                .withColumn(KNOWN_AT, knownAt)
                .withColumn(RANK, rank)
                .filter(functions.not(fromEvents))
                .withColumn(DUPLICATE_FLAG, isKnown.or(col(RANK).gt(1)))
                .select(Columns.cols(output));
    }

    /**
     * The clean rows with their {@link #STATUS}: late when before the cut-off, a duplicate when its position is
     * among {@code duplicates} (the positions of {@link #candidates} that are duplicates, null when there are
     * none; small enough to broadcast, they join without moving the batch's rows), else accepted.
     */
    public Dataset<Row> decide(Dataset<Row> clean, Timestamp cutoff, Dataset<Row> duplicates) {
        Column late = functions.not(inTime(cutoff));
        if (duplicates == null) {
            return clean.withColumn(STATUS, functions.when(late, LATE).otherwise(ACCEPTED));
        }
        List<String> columns = new ArrayList<>(List.of(clean.columns()));
        columns.add(STATUS);
        return clean.join(duplicates.select(Columns.cols(POSITION)).withColumn(DUPLICATE_FLAG, functions.lit(true)),
                        Columns.names(POSITION), "left")
                .withColumn(STATUS, functions.when(late, LATE)
                        .when(col(DUPLICATE_FLAG).isNotNull(), DUPLICATE).otherwise(ACCEPTED))
                .select(Columns.cols(columns));
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
