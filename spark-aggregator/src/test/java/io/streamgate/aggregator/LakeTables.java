package io.streamgate.aggregator;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.sql.Timestamp;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Reads lake tables as sorted lines of text, timestamps as UTC instants, for exact comparisons. */
final class LakeTables {

    private LakeTables() {
    }

    static Dataset<Row> table(SparkSession spark, java.nio.file.Path dir, String job, String table) {
        return spark.read().format("delta").load(dir.resolve("lake").resolve(job).resolve(table).toString());
    }

    static List<String> lines(Dataset<Row> rows) {
        return rows.collectAsList().stream().map(LakeTables::line).sorted().toList();
    }

    static String line(Row row) {
        return IntStream.range(0, row.length()).mapToObj(i -> {
            Object value = row.get(i);
            return value instanceof Timestamp t ? t.toInstant().toString() : String.valueOf(value);
        }).collect(Collectors.joining(" "));
    }
}
