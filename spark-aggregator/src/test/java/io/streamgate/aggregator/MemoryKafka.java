package io.streamgate.aggregator;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.streaming.MemoryStream;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stream shaped like the Kafka source's rows (one partition, offsets counting up, ce_id and content-type headers)
 * whose micro-batches the test decides: each {@link #send} is one batch at the next {@code processAllAvailable}.
 */
final class MemoryKafka {

    private static final AtomicInteger IDS = new AtomicInteger(1000);

    private final MemoryStream<Row> stream;
    private final String topic;
    private long offset;

    MemoryKafka(SparkSession spark, String topic) {
        this.topic = topic;
        this.stream = new MemoryStream<>(IDS.incrementAndGet(), spark.sqlContext(), scala.Option.empty(),
                Encoders.row(StaticKafka.SCHEMA));
    }

    Dataset<Row> records() {
        return stream.toDF();
    }

    /** CSV rows, each with its own ce_id, as one micro-batch. */
    void send(List<String> csvRows) {
        List<Row> rows = new ArrayList<>();
        for (String value : csvRows) {
            rows.add(RowFactory.create(null, bytes(value), topic, 0, offset, new Timestamp(0), 0,
                    new Object[] {RowFactory.create("ce_id", bytes(topic + "-" + offset)),
                            RowFactory.create("content-type", bytes("text/csv"))}));
            offset++;
        }
        stream.addData(scala.collection.JavaConverters.asScalaBuffer(rows).toSeq());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
