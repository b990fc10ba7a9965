package io.streamgate.aggregator.batch;

import io.streamgate.aggregator.counter.CounterContributions;
import io.streamgate.aggregator.job.JobSpec;
import io.streamgate.aggregator.refine.Refiner;
import io.streamgate.aggregator.sql.Columns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.streamgate.aggregator.sql.Columns.col;

/**
 * What one micro-batch of parsed records amounts to, computed before anything is written and only from the batch
 * and the lake as it was before the batch (rows an earlier attempt of the same batch wrote are recognised by their
 * Kafka position and left out), so a replay after a crash computes the same: the rejected records, the accepted
 * events, the rows left out and the partial window aggregates.
 */
final class BatchPlan implements AutoCloseable {

    final Dataset<Row> rejected;
    final Dataset<Row> accepted;
    final Dataset<Row> partials;
    final long inputRows;
    final long rejectedRows;
    final long acceptedRows;
    final long lateRows;
    final long duplicateRows;
    final long droppedDifferences;
    final List<String> lateSample;
    final List<String> duplicateSample;
    final Timestamp newestAccepted;
    /** The earliest and latest window start of the partials (null when there are none). */
    final Row windowRange;
    final Map<String, Long> endOffsets;
    private final Dataset<Row> contributions;

    BatchPlan(JobSpec job, Dataset<Row> batch, Timestamp cutoff, Dataset<Row> events) {
        rejected = Refiner.rejected(batch);
        Row sizes = batch.agg(functions.count(functions.lit(1)), functions.count(col(Columns.REASON))).first();
        inputRows = sizes.getLong(0);
        rejectedRows = sizes.getLong(1);
        endOffsets = endOffsets(batch);
        Acceptance.Outcome outcome = new Acceptance(job).decide(Refiner.events(batch), cutoff, events);
        accepted = outcome.accepted().persist(StorageLevel.MEMORY_AND_DISK());
        Row stats = accepted.agg(functions.count(functions.lit(1)), functions.min(Columns.EVENT_TIME),
                functions.max(Columns.EVENT_TIME)).first();
        acceptedRows = stats.getLong(0);
        newestAccepted = stats.getTimestamp(2);
        lateRows = outcome.late().count();
        duplicateRows = outcome.duplicates().count();
        lateSample = lateRows == 0 ? List.of() : Ledger.sample(outcome.late());
        duplicateSample = duplicateRows == 0 ? List.of() : Ledger.sample(outcome.duplicates());
        Dataset<Row> neighbours = events.limit(0);
        if (job.needsCounterDeltas() && acceptedRows > 0) {
            neighbours = new CounterContributions(job).neighbours(events.filter(functions.not(inBatch(endOffsets, batch))),
                    accepted, RowFactory.create(stats.get(1), stats.get(2)));
        }
        contributions = Contributions.of(job, accepted, neighbours).persist(StorageLevel.MEMORY_AND_DISK());
        droppedDifferences = job.needsCounterDeltas() ? dropped(contributions) : 0;
        partials = Contributions.windows(job, contributions).persist(StorageLevel.MEMORY_AND_DISK());
        Row range = partials.agg(functions.min(Columns.WINDOW_START), functions.max(Columns.WINDOW_START)).first();
        windowRange = range.isNullAt(0) ? null : range;
    }

    private static long dropped(Dataset<Row> contributions) {
        Row sum = contributions.agg(functions.sum(CounterContributions.DROPPED)).first();
        return sum.isNullAt(0) ? 0 : sum.getLong(0);
    }

    /** The Kafka offsets this batch read up to, per "topic/partition" (the last offset read). */
    private static Map<String, Long> endOffsets(Dataset<Row> batch) {
        Map<String, Long> offsets = new LinkedHashMap<>();
        batch.groupBy(Columns.KAFKA_TOPIC, Columns.KAFKA_PARTITION).agg(functions.max(Columns.KAFKA_OFFSET))
                .collectAsList().forEach(r -> offsets.put(r.getString(0) + "/" + r.getInt(1), r.getLong(2)));
        return offsets;
    }

    /** Rows at the Kafka positions of this batch: an earlier attempt of it wrote them, they are not history. */
    private static Column inBatch(Map<String, Long> endOffsets, Dataset<Row> batch) {
        List<Column> ranges = new ArrayList<>();
        batch.groupBy(Columns.KAFKA_TOPIC, Columns.KAFKA_PARTITION).agg(functions.min(Columns.KAFKA_OFFSET))
                .collectAsList().forEach(r -> ranges.add(col(Columns.KAFKA_TOPIC).equalTo(r.getString(0))
                        .and(col(Columns.KAFKA_PARTITION).equalTo(r.getInt(1)))
                        .and(col(Columns.KAFKA_OFFSET).between(r.getLong(2),
                                endOffsets.get(r.getString(0) + "/" + r.getInt(1))))));
        return ranges.stream().reduce(Column::or).orElse(functions.lit(false));
    }

    @Override
    public void close() {
        accepted.unpersist();
        partials.unpersist();
        contributions.unpersist();
    }
}
