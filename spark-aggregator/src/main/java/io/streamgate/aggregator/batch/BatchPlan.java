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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.streamgate.aggregator.sql.Columns.col;

/**
 * What one micro-batch of parsed records amounts to, computed before anything is written and only from the batch
 * and the lake as it was before the batch (rows an earlier attempt of the same batch wrote are recognised by their
 * Kafka position and left out), so a replay after a crash computes the same: the rejected records, the accepted
 * events, the rows left out and the partial window aggregates.
 */
final class BatchPlan implements AutoCloseable {

    /** Duplicates at most this many a batch are sent to every task rather than joined by a shuffle. */
    private static final long BROADCAST_DUPLICATES = 200_000;

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
    /** The Kafka offsets this batch read up to, per "topic/partition" (the last offset read). */
    final Map<String, Long> endOffsets = new LinkedHashMap<>();

    private final Dataset<Row> candidates;
    private final Dataset<Row> decided;
    private final Dataset<Row> contributions;

    BatchPlan(JobSpec job, Dataset<Row> batch, Timestamp cutoff, Dataset<Row> events, PhaseClock clock) {
        rejected = Refiner.rejected(batch);
        ReadPass read = ReadPass.of(batch, Acceptance.inTime(cutoff), endOffsets);
        inputRows = read.input();
        rejectedRows = read.rejects();
        lateRows = read.late();
        clock.lap("read");

        Acceptance acceptance = new Acceptance(job);
        Dataset<Row> cleanRows = Refiner.events(batch);
        candidates = acceptance.candidates(cleanRows, cutoff, events, read.dates())
                .persist(StorageLevel.MEMORY_AND_DISK());
        Column duplicate = col(Acceptance.DUPLICATE_FLAG);
        Column kept = functions.not(duplicate);
        Row stats = candidates.agg(functions.count(functions.when(kept, 1)),
                functions.min(functions.when(kept, col(Columns.EVENT_TIME))),
                functions.max(functions.when(kept, col(Columns.EVENT_TIME))),
                functions.count(functions.when(duplicate, 1))).first();
        acceptedRows = stats.getLong(0);
        newestAccepted = stats.getTimestamp(2);
        duplicateRows = stats.getLong(3);
        decided = acceptance.decide(cleanRows, cutoff, duplicatePositions(duplicate));
        if (duplicateRows > BROADCAST_DUPLICATES) {
            decided.persist(StorageLevel.MEMORY_AND_DISK());
        }
        clock.lap("decide");

        accepted = rows(Acceptance.ACCEPTED);
        lateSample = lateRows == 0 ? List.of() : Ledger.sample(rows(Acceptance.LATE));
        duplicateSample = duplicateRows == 0 ? List.of() : Ledger.sample(rows(Acceptance.DUPLICATE));
        Dataset<Row> neighbours = events.limit(0);
        if (job.needsCounterDeltas() && acceptedRows > 0) {
            // rows at this batch's positions were written by an earlier attempt of it: they are not history
            neighbours = new CounterContributions(job).neighbours(events.filter(functions.not(read.positions())),
                    accepted, RowFactory.create(stats.get(1), stats.get(2)));
        }
        Dataset<Row> all = Contributions.of(job, accepted, neighbours);
        // read twice (the partials and the dropped differences) only when there are counter corrections
        contributions = job.needsCounterDeltas() ? all.persist(StorageLevel.MEMORY_AND_DISK()) : all;
        partials = Contributions.windows(job, contributions).persist(StorageLevel.MEMORY_AND_DISK());
        Row range = partials.agg(functions.min(Columns.WINDOW_START), functions.max(Columns.WINDOW_START)).first();
        windowRange = range.isNullAt(0) ? null : range;
        droppedDifferences = job.needsCounterDeltas() && acceptedRows > 0 ? dropped(contributions) : 0;
        clock.lap("partials");
    }

    /**
     * One pass over the batch: its counts, the event dates the duplicate lookup reads (of clean rows in time), and
     * the Kafka positions it covers, as a condition ({@code positions}) and as the last offset read per
     * "topic/partition" (into {@code endOffsets}).
     */
    private record ReadPass(long input, long rejects, long late, List<Object> dates, Column positions) {

        static ReadPass of(Dataset<Row> batch, Column inTime, Map<String, Long> endOffsets) {
            Column clean = col(Columns.REASON).isNull();
            long input = 0;
            long rejects = 0;
            long late = 0;
            Set<Object> dates = new HashSet<>();
            Column positions = functions.lit(false);
            for (Row r : batch.groupBy(Columns.KAFKA_TOPIC, Columns.KAFKA_PARTITION).agg(
                    functions.min(Columns.KAFKA_OFFSET), functions.max(Columns.KAFKA_OFFSET),
                    functions.count(functions.lit(1)), functions.count(col(Columns.REASON)),
                    functions.collect_set(functions.when(clean.and(inTime), Refiner.eventDate())),
                    functions.count(functions.when(clean.and(functions.not(inTime)), 1))).collectAsList()) {
                endOffsets.put(r.getString(0) + "/" + r.getInt(1), r.getLong(3));
                positions = positions.or(col(Columns.KAFKA_TOPIC).equalTo(r.getString(0))
                        .and(col(Columns.KAFKA_PARTITION).equalTo(r.getInt(1)))
                        .and(col(Columns.KAFKA_OFFSET).between(r.getLong(2), r.getLong(3))));
                input += r.getLong(4);
                rejects += r.getLong(5);
                dates.addAll(r.getList(6));
                late += r.getLong(7);
            }
            return new ReadPass(input, rejects, late, List.copyOf(dates), positions);
        }
    }

    /**
     * The positions of the batch's duplicates, null when there are none. Usually there are a few: collected, they go
     * to every task and the batch's rows stay where they are. Many (a topic read again) would not fit a broadcast:
     * then they are joined by a shuffle, and the decisions kept ({@code decided} persisted) so it happens once.
     */
    private Dataset<Row> duplicatePositions(Column duplicate) {
        if (duplicateRows == 0) {
            return null;
        }
        Dataset<Row> positions = candidates.filter(duplicate).select(Columns.cols(Acceptance.POSITION));
        return duplicateRows > BROADCAST_DUPLICATES ? positions : functions.broadcast(
                positions.sparkSession().createDataFrame(positions.collectAsList(), positions.schema()));
    }

    private Dataset<Row> rows(String status) {
        return decided.filter(col(Acceptance.STATUS).equalTo(status)).drop(Acceptance.STATUS);
    }

    private static long dropped(Dataset<Row> contributions) {
        Row sum = contributions.agg(functions.sum(CounterContributions.DROPPED)).first();
        return sum.isNullAt(0) ? 0 : sum.getLong(0);
    }

    @Override
    public void close() {
        candidates.unpersist();
        decided.unpersist();
        contributions.unpersist();
        partials.unpersist();
    }
}
