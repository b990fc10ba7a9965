package io.streamgate.aggregator;

import io.streamgate.aggregator.aggregate.AggregateQuery;
import io.streamgate.aggregator.job.JobSpec;
import io.streamgate.aggregator.lake.LakePaths;
import io.streamgate.aggregator.metrics.MetricsRegistry;
import io.streamgate.aggregator.refine.RefineQuery;
import io.streamgate.aggregator.sink.ClosedWindowExport;
import io.streamgate.aggregator.source.KafkaSource;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * The running queries of one job: refine (Kafka to {@code events}/{@code quarantine}), aggregate ({@code events} to
 * {@code windows}) and the optional file exports. Two queries because Spark 3.5 cannot chain the deduplication (and
 * the counter state) before an update-mode aggregation; the Delta {@code events} table connects them.
 */
public final class JobPipeline {

    private final StreamingQuery refine;
    private final StreamingQuery aggregate;
    private final List<StreamingQuery> exports;

    private JobPipeline(StreamingQuery refine, StreamingQuery aggregate, List<StreamingQuery> exports) {
        this.refine = refine;
        this.aggregate = aggregate;
        this.exports = exports;
    }

    public static JobPipeline start(SparkSession spark, JobSpec job, AggregatorSettings settings,
                                    MetricsRegistry metrics) throws TimeoutException {
        LakePaths paths = new LakePaths(settings.lake(), settings.checkpoints(), job.name());
        long triggerMs = (settings.triggerOverride() != null ? settings.triggerOverride() : job.triggerInterval()).toMillis();
        Trigger trigger = Trigger.ProcessingTime(triggerMs);
        StreamingQuery refine = RefineQuery.start(job, KafkaSource.read(spark, settings.bootstrapServers(),
                job.input().topics(), settings.startingOffsets()), paths, trigger, metrics);
        StreamingQuery aggregate = AggregateQuery.start(job, spark, paths, trigger,
                Optional.of(settings.bootstrapServers()), Optional.ofNullable(settings.warehouseUrl()));
        return new JobPipeline(refine, aggregate, ClosedWindowExport.start(job, spark, paths, trigger));
    }

    /** Processes everything available now, query after query, downstream last (for tests and drains). */
    public void processAllAvailable() {
        queries().forEach(StreamingQuery::processAllAvailable);
    }

    public StreamingQuery refine() {
        return refine;
    }

    public StreamingQuery aggregate() {
        return aggregate;
    }

    public List<StreamingQuery> queries() {
        List<StreamingQuery> all = new ArrayList<>(List.of(refine, aggregate));
        all.addAll(exports);
        return all;
    }

    public void stop() throws TimeoutException {
        for (StreamingQuery query : queries()) {
            query.stop();
        }
    }
}
