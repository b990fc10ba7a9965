package io.streamgate.aggregator.sink;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

import java.util.List;

import static io.streamgate.aggregator.sql.Columns.cols;
import static org.apache.spark.sql.functions.col;

/**
 * Publishes changed windows as JSON to a Kafka topic for live views, keyed by window and group so a compacted
 * topic keeps each window's latest totals. At least once: a replayed batch re-sends the same totals under the same
 * keys, which a consumer keeping the latest value per key absorbs.
 */
public final class KafkaWindowPublisher {

    private final String bootstrapServers;
    private final String topic;
    private final List<String> keyColumns;

    public KafkaWindowPublisher(String bootstrapServers, String topic, List<String> keyColumns) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.keyColumns = keyColumns;
    }

    public void publish(Dataset<Row> windows) {
        write(keyed(windows));
    }

    /**
     * Makes the topic hold {@code windows} and nothing else: a tombstone for every key whose latest value the topic
     * holds and {@code windows} lacks (windows of a spec that was replaced, keyed perhaps by other columns), then
     * every window. Run again after a crash it finds the same keys, so it ends in the same topic.
     */
    public void replace(SparkSession spark, Dataset<Row> windows) {
        Dataset<Row> current = keyed(windows);
        Dataset<Row> held = spark.read().format("kafka")
                .option("kafka.bootstrap.servers", bootstrapServers)
                .option("kafka.isolation.level", "read_committed")
                .option("subscribe", topic)
                .option("startingOffsets", "earliest")
                .option("endingOffsets", "latest")
                .load()
                // one key is always in one partition (the producer partitions by key), so its offsets order it
                .groupBy(col("key").cast("string").as("key"))
                .agg(functions.max_by(col("value").isNull(), col("offset")).as("retracted"))
                .filter(functions.not(col("retracted")));
        write(held.join(current, held.col("key").equalTo(current.col("key")), "left_anti")
                .select(held.col("key"), functions.lit(null).cast("string").as("value")));
        write(current);
    }

    private Dataset<Row> keyed(Dataset<Row> windows) {
        Column key = functions.to_json(functions.struct(cols(keyColumns)));
        return windows.select(key.as("key"), functions.to_json(functions.struct(col("*"))).as("value"));
    }

    private void write(Dataset<Row> records) {
        records.write().format("kafka")
                .option("kafka.bootstrap.servers", bootstrapServers)
                .option("kafka.enable.idempotence", "true")
                .option("kafka.acks", "all")
                .option("topic", topic)
                .save();
    }
}
