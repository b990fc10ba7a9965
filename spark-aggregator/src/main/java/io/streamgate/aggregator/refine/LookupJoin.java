package io.streamgate.aggregator.refine;

import io.streamgate.aggregator.job.LookupSpec;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.streamgate.aggregator.sql.Columns.col;

/**
 * Broadcast joins with small static CSV tables. The table is read on the driver (from the classpath, so the shaded
 * jar carries it to a cluster, or from a file) and shipped to executors with the broadcast.
 */
final class LookupJoin {

    private final List<LookupSpec> lookups;
    private final SparkSession spark;

    LookupJoin(List<LookupSpec> lookups, SparkSession spark) {
        this.lookups = lookups;
        this.spark = spark;
    }

    Dataset<Row> join(Dataset<Row> records) {
        Dataset<Row> joined = records;
        for (int i = 0; i < lookups.size(); i++) {
            LookupSpec lookup = lookups.get(i);
            String keyColumn = "_lookup" + i + "_key";
            List<Column> selected = new ArrayList<>();
            selected.add(functions.trim(col(lookup.key())).as(keyColumn));
            lookup.columns().forEach((from, to) -> selected.add(functions.trim(col(from)).as(to)));
            Dataset<Row> table = read(lookup).select(selected.toArray(Column[]::new)).dropDuplicates(keyColumn);
            joined = joined.join(functions.broadcast(table),
                    col(lookup.on()).cast("string").equalTo(col(keyColumn)), "left").drop(keyColumn);
        }
        return joined;
    }

    private Dataset<Row> read(LookupSpec lookup) {
        List<String> lines = lines(lookup.resource());
        return spark.read().option("header", true).csv(spark.createDataset(lines, Encoders.STRING()));
    }

    private static List<String> lines(String resource) {
        try (InputStream in = LookupJoin.class.getClassLoader().getResourceAsStream(resource)) {
            String text = in != null
                    ? new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(resource), StandardCharsets.UTF_8);
            return text.lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read lookup " + resource, e);
        }
    }
}
