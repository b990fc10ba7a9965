package io.streamgate.aggregator;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/** Static data shaped like the Kafka source's rows (headers included), to run the transforms without a stream. */
final class StaticKafka {

    private static final StructType HEADER = new StructType()
            .add("key", DataTypes.StringType).add("value", DataTypes.BinaryType);
    static final StructType SCHEMA = new StructType()
            .add("key", DataTypes.BinaryType)
            .add("value", DataTypes.BinaryType)
            .add("topic", DataTypes.StringType)
            .add("partition", DataTypes.IntegerType)
            .add("offset", DataTypes.LongType)
            .add("timestamp", DataTypes.TimestampType)
            .add("timestampType", DataTypes.IntegerType)
            .add("headers", DataTypes.createArrayType(HEADER));

    private final List<Row> rows = new ArrayList<>();

    /** A record with a ce_id header (null: no header) at the next offset of partition 0. */
    StaticKafka add(String ceId, String value) {
        return add(ceId, "text/plain", value);
    }

    /** A record with a ce_id header (null: no header) and a content-type header. */
    StaticKafka add(String ceId, String contentType, String value) {
        List<Row> headers = new ArrayList<>();
        if (ceId != null) {
            headers.add(RowFactory.create("ce_id", bytes(ceId)));
        }
        headers.add(RowFactory.create("content-type", bytes(contentType)));
        rows.add(RowFactory.create(null, value == null ? null : bytes(value), "static", 0, (long) rows.size(),
                new Timestamp(0), 0, headers.toArray()));
        return this;
    }

    /** Each value with its own ce_id. */
    StaticKafka addAll(List<String> values) {
        values.forEach(v -> add("id-" + rows.size(), v));
        return this;
    }

    Dataset<Row> toDataset(SparkSession spark) {
        return spark.createDataFrame(rows, SCHEMA);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
