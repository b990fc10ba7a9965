package io.streamgate.aggregator;

import io.streamgate.aggregator.batch.Acceptance;
import io.streamgate.aggregator.batch.Contributions;
import io.streamgate.aggregator.job.JobSpec;
import io.streamgate.aggregator.refine.Refiner;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

import java.util.List;

/** Static Kafka-shaped records through the job's batch steps, as one micro-batch on an empty lake would see them. */
final class StaticBatch {

    private StaticBatch() {
    }

    /** The events the batch accepts (parsed, clean, deduplicated). */
    static Dataset<Row> accepted(SparkSession spark, JobSpec job, Dataset<Row> kafka) {
        Dataset<Row> events = Refiner.events(new Refiner(job, spark).refine(kafka));
        // an empty lake: no dates to look duplicates up in
        return new Acceptance(job).decide(events, null, events.limit(0), List.of())
                .filter(functions.col(Acceptance.STATUS).equalTo(Acceptance.ACCEPTED)).drop(Acceptance.STATUS);
    }

    /** The windows of the accepted events. */
    static Dataset<Row> windows(SparkSession spark, JobSpec job, Dataset<Row> kafka) {
        return Contributions.rebuild(job, accepted(spark, job, kafka));
    }
}
