package io.streamgate.aggregator.refine;

import io.streamgate.aggregator.job.JobSpec;
import io.streamgate.aggregator.lake.LakePaths;
import io.streamgate.aggregator.metrics.MetricsRegistry;
import io.streamgate.aggregator.sink.DeltaWrites;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

import java.util.concurrent.TimeoutException;

/** Starts the refine query of a job: Kafka records (as a Dataset) to the {@code events} and {@code quarantine} tables. */
public final class RefineQuery {

    private RefineQuery() {
    }

    public static StreamingQuery start(JobSpec job, Dataset<Row> kafka, LakePaths paths, Trigger trigger,
                                       MetricsRegistry metrics) throws TimeoutException {
        Dataset<Row> refined = new Refiner(job, kafka.sparkSession()).refine(kafka);
        DeltaWrites.ensureTable(kafka.sparkSession(), paths.events(), Refiner.events(refined).schema());
        DeltaWrites.ensureTable(kafka.sparkSession(), paths.quarantine(), Refiner.rejected(refined).schema());
        return refined.writeStream()
                .queryName(job.name() + "-refine")
                .option("checkpointLocation", paths.checkpoint("refine"))
                .outputMode("append")
                .trigger(trigger)
                .foreachBatch(new RefineBatchWriter(job.name(), paths, job.needsCounterDeltas(), metrics))
                .start();
    }
}
