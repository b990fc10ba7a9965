package io.streamgate.aggregator.batch;

import io.streamgate.aggregator.aggregate.WindowMerge;
import io.streamgate.aggregator.aggregate.WindowPartials;
import io.streamgate.aggregator.job.JobSpec;
import io.streamgate.aggregator.lake.LakePaths;
import io.streamgate.aggregator.lake.TableOwnership;
import io.streamgate.aggregator.metrics.MetricsRegistry;
import io.streamgate.aggregator.sink.DeltaWrites;
import io.streamgate.aggregator.sink.WindowOutputs;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Timestamp;

/**
 * The {@code foreachBatch} of a job's one streaming query. Per micro-batch, in this order: windows MERGE of the
 * batch's partial aggregates, events append, quarantine append, ledger append (each an idempotent Delta write
 * keyed by the query id and batch id), then the changed windows to Kafka and the export of closed windows. A crash
 * between any two leaves a batch that the restart replays: the writes already done are skipped by Delta, the rest
 * computed exactly as before ({@link BatchPlan}).
 */
public final class BatchWriter implements VoidFunction2<Dataset<Row>, Long> {

    /** Called after each write of a batch, by its name; tests inject crashes here. */
    public interface Hook {
        void after(String write, long batchId);
    }

    private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);

    private final JobSpec job;
    private final LakePaths paths;
    private final MetricsRegistry metrics;
    private final transient WindowOutputs outputs;
    private final transient Hook hook;
    private final transient TableOwnership ownership;
    private final Ledger ledger;
    /** The high-water mark after the last batch this writer completed, so the ledger is read once per run. */
    private Long lastBatch;
    private Timestamp lastHighWater;

    public BatchWriter(JobSpec job, LakePaths paths, MetricsRegistry metrics, WindowOutputs outputs,
                       TableOwnership ownership, Hook hook) {
        this.job = job;
        this.paths = paths;
        this.metrics = metrics;
        this.outputs = outputs;
        this.ownership = ownership;
        this.hook = hook;
        this.ledger = new Ledger(paths.ledger());
    }

    @Override
    public void call(Dataset<Row> batch, Long batchId) {
        SparkSession spark = batch.sparkSession();
        PhaseClock clock = new PhaseClock();
        String queryId = spark.sparkContext().getLocalProperty("sql.streaming.queryId");
        ownership.claim(spark, queryId);
        Timestamp highWater = lastBatch != null && lastBatch == batchId - 1 ? lastHighWater
                : ledger.highWaterBefore(spark, queryId, batchId);
        Timestamp cutoff = highWater == null ? null
                : new Timestamp(highWater.getTime() - job.horizonDuration().toMillis());
        clock.lap("start");
        batch.persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> events = spark.read().format("delta").load(paths.events());
        try (BatchPlan plan = new BatchPlan(job, batch, cutoff, events, clock)) {
            Timestamp newHighWater = later(highWater, plan.newestAccepted);
            write(spark, plan, queryId, batchId, highWater, cutoff, newHighWater, clock);
            LOG.info("job {} batch {}: {} rows in, {} accepted, {} ms ({})", job.name(), batchId, plan.inputRows,
                    plan.acceptedRows, clock.total(), clock);
            lastBatch = batchId;
            lastHighWater = newHighWater;
            count(plan, newHighWater);
        } finally {
            batch.unpersist();
        }
    }

    private void write(SparkSession spark, BatchPlan plan, String queryId, long batchId, Timestamp highWater,
                       Timestamp cutoff, Timestamp newHighWater, PhaseClock clock) {
        Hook done = (write, id) -> {
            clock.lap(write);
            hook.after(write, id);
        };
        // windows first: they are what readers wait for, and nothing this batch computes reads them back
        if (plan.windowRange != null) {
            new WindowMerge(paths.windows(), new WindowPartials(job)).merge(plan.partials, plan.windowRange, queryId,
                    batchId);
        }
        done.after("windows", batchId);
        if (plan.acceptedRows > 0) {
            DeltaWrites.append(plan.accepted, paths.events(), queryId, batchId);
        }
        done.after("events", batchId);
        if (plan.rejectedRows > 0) {
            DeltaWrites.append(plan.rejected, paths.quarantine(), queryId, batchId);
        }
        done.after("quarantine", batchId);
        ledger.append(spark, new Ledger.Entry(queryId, batchId, newHighWater, cutoff, plan.inputRows,
                plan.acceptedRows, plan.rejectedRows, plan.lateRows, plan.duplicateRows, plan.lateSample,
                plan.duplicateSample, plan.endOffsets), queryId);
        done.after("ledger", batchId);
        if (plan.windowRange != null && outputs.publishes()) {
            outputs.publishChanged(spark, plan.partials, plan.windowRange);
        }
        done.after("kafka", batchId);
        if (plan.windowRange != null && outputs.warehouses()) {
            outputs.upsertChanged(spark, plan.partials, plan.windowRange, batchId);
        }
        done.after("warehouse", batchId);
        if (outputs.exports()) {
            outputs.exportClosed(spark, plan.partials, highWater, newHighWater, batchId);
        }
        done.after("export", batchId);
    }

    private void count(BatchPlan plan, Timestamp highWater) {
        String name = job.name();
        if (highWater != null) {
            metrics.gauge("streamgate_high_water_seconds", "job", name, highWater.getTime() / 1000.0);
        }
        metrics.count("streamgate_events_written_total", "job", name, plan.acceptedRows);
        metrics.count("streamgate_quarantined_rows_total", "job", name, plan.rejectedRows);
        metrics.count("streamgate_late_rows_total", "job", name, plan.lateRows);
        metrics.count("streamgate_duplicate_rows_total", "job", name, plan.duplicateRows);
        if (job.needsCounterDeltas()) {
            metrics.count("streamgate_counter_deltas_dropped_total", "job", name, plan.droppedDifferences);
        }
    }

    private static Timestamp later(Timestamp a, Timestamp b) {
        return a == null ? b : b == null || a.after(b) ? a : b;
    }
}
