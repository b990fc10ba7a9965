package io.streamgate.aggregator.source;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.List;

/**
 * The job's topics as a stream: only committed records (the poller writes pages in transactions), headers
 * included (the CloudEvents attributes), and a hard failure rather than a silent gap if offsets vanish.
 *
 * <p>Spark reads one Kafka partition with one task by default, so a topic with fewer partitions than the cluster
 * has cores would parse on a single core; {@code minPartitions} splits each batch's offset ranges so that every
 * core parses.
 */
public final class KafkaSource {

    private KafkaSource() {
    }

    public static Dataset<Row> read(SparkSession spark, String bootstrapServers, List<String> topics,
                                    String startingOffsets) {
        return spark.readStream().format("kafka")
                .option("kafka.bootstrap.servers", bootstrapServers)
                .option("subscribe", String.join(",", topics))
                .option("startingOffsets", startingOffsets)
                .option("kafka.isolation.level", "read_committed")
                // a batch reads a range that is already in the log, so the broker never needs to wait for data;
                // but a task's first fetch could sit out the default 500 ms on the broker (measured: a one-row batch's
                // read task ran 800 ms, 170 of them on the CPU; with 10 ms, 130 ms): the largest part of a small
                // batch's latency (benchmark 5)
                .option("kafka.fetch.max.wait.ms", "10")
                .option("failOnDataLoss", "true")
                .option("includeHeaders", "true")
                .option("minPartitions", String.valueOf(spark.sparkContext().defaultParallelism()))
                .load();
    }
}
