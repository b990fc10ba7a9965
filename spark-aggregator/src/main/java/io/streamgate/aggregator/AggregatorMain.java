package io.streamgate.aggregator;

import io.streamgate.aggregator.job.JobConfigException;
import io.streamgate.aggregator.job.JobLoader;
import io.streamgate.aggregator.job.JobSpec;
import io.streamgate.aggregator.lake.StartRefused;
import io.streamgate.aggregator.metrics.MetricsRegistry;
import io.streamgate.aggregator.metrics.PrometheusEndpoint;
import io.streamgate.aggregator.metrics.StreamingMetricsListener;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs the configured jobs until one of their queries fails (then exits non-zero, so a cluster manager restarts
 * it; the checkpoints make the restart exact). Under {@code spark-submit} the master comes from spark-submit; from a
 * plain {@code main} pass {@code --master local[*]}.
 */
public final class AggregatorMain {

    private static final Logger LOG = LoggerFactory.getLogger(AggregatorMain.class);

    private AggregatorMain() {
    }

    public static void main(String[] args) throws Exception {
        AggregatorOptions options;
        List<JobSpec> jobs;
        try {
            options = AggregatorOptions.parse(args);
            jobs = new JobLoader().load(options.jobs());
        } catch (IllegalArgumentException | JobConfigException e) {
            System.err.println("spark-aggregator: " + e.getMessage());
            System.err.print(AggregatorOptions.USAGE);
            System.exit(2);
            return;
        }
        SparkSession.Builder builder = StreamingSessions.configure(SparkSession.builder()).appName("streamgate-aggregator");
        if (options.master() != null) {
            builder = builder.master(options.master());
        }
        // On every master: Spark's default of 200 shuffle partitions makes 200 tasks of each join and aggregation of
        // a micro-batch that may hold a few rows, and a stream freezes the number in its checkpoint at first start.
        builder = builder.config("spark.sql.shuffle.partitions", String.valueOf(options.shufflePartitions()))
                // Delta rebuilds a table's snapshot after commits with 50 tasks by default: on a laptop's cores that
                // took seconds of every micro-batch of a one-row stream
                .config("spark.databricks.delta.snapshotPartitions", String.valueOf(options.snapshotPartitions()));
        SparkSession spark = builder.getOrCreate();
        if (options.master() != null && options.master().startsWith("local")) {
            quietLocalLogs(spark);
        }
        MetricsRegistry metrics = new MetricsRegistry();
        spark.streams().addListener(new StreamingMetricsListener(metrics));
        PrometheusEndpoint endpoint = options.metricsPort() > 0 ? new PrometheusEndpoint(options.metricsPort(), metrics) : null;
        List<JobPipeline> pipelines = new ArrayList<>();
        try {
            for (JobSpec job : jobs) {
                pipelines.add(JobPipeline.start(spark, job, options.settings(), metrics));
                LOG.info("job {} started: topics {}, lake {}/{}", job.name(), job.input().topics(),
                        options.settings().lake(), job.name());
            }
            spark.streams().awaitAnyTermination();
        } catch (StartRefused e) {
            // a refused start (tables of another query, a checkpoint with other settings): one line, no stack trace
            System.err.println("spark-aggregator: " + e.getMessage());
            System.exit(3);
        } finally {
            for (JobPipeline pipeline : pipelines) {
                pipeline.stop();
            }
            if (endpoint != null) {
                endpoint.close();
            }
            spark.stop();
        }
    }

    /** Spark's default log level (INFO) drowns a terminal; keep our per-batch lines, Spark's warnings. */
    private static void quietLocalLogs(SparkSession spark) {
        spark.sparkContext().setLogLevel("WARN");
        Configurator.setLevel("io.streamgate", Level.INFO);
    }
}
