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

    /** The accepted rows, and the rows left out as late or as duplicates (all in the events schema). */
    public record Outcome(Dataset<Row> accepted, Dataset<Row> late, Dataset<Row> duplicates) {
    }

    private static final String RANK = "_rank";
    private static final List<String> POSITION = List.of(Columns.KAFKA_TOPIC, Columns.KAFKA_PARTITION, Columns.KAFKA_OFFSET);

    private final JobSpec job;

    public Acceptance(JobSpec job) {
        this.job = job;
    }

    public Outcome decide(Dataset<Row> clean, Timestamp cutoff, Dataset<Row> events) {
        Column inTime = cutoff == null ? functions.lit(true) : col(Columns.EVENT_TIME).geq(functions.lit(cutoff));
        Dataset<Row> late = clean.filter(functions.not(inTime));
        Dataset<Row> candidates = clean.filter(inTime);
        List<Object> dates = candidates.select(Columns.EVENT_DATE).distinct().collectAsList().stream()
                .map(r -> r.get(0)).toList();
        Dataset<Row> existing = events.filter(col(Columns.EVENT_DATE).isin(dates.toArray()))
                .select(Columns.cols(identity()));
        Column sameRow = POSITION.stream().map(p -> candidates.col(Columns.quote(p)).equalTo(existing.col(Columns.quote(p))))
                .reduce(Column::and).orElseThrow();
        Column sameKey = identity().stream().filter(c -> !POSITION.contains(c))
                .map(k -> candidates.col(Columns.quote(k)).equalTo(existing.col(Columns.quote(k))))
                .reduce(Column::and).orElseThrow();
        Column seen = sameKey.and(functions.not(sameRow));
        Dataset<Row> known = candidates.join(existing, seen, "left_semi");
        Dataset<Row> ranked = candidates.join(existing, seen, "left_anti").withColumn(RANK, functions.row_number()
                .over(Window.partitionBy(Columns.cols(key())).orderBy(Columns.cols(POSITION))));
        Dataset<Row> accepted = ranked.filter(col(RANK).equalTo(1)).drop(RANK);
        Dataset<Row> repeated = ranked.filter(col(RANK).gt(1)).drop(RANK);
        return new Outcome(accepted, late, known.unionByName(repeated));
    }

    /** The dedup key and the event date (duplicates are looked up in their date's partition). */
    private List<String> key() {
        List<String> key = new ArrayList<>(job.dedupKey());
        key.add(Columns.EVENT_DATE);
        return key;
    }

    private List<String> identity() {
        List<String> columns = new ArrayList<>(key());
        columns.addAll(POSITION);
        return columns;
    }
}
