package io.streamgate.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reads the aggregator's Delta {@code windows} table with Spark ({@code local[1]} in the test JVM). */
final class WindowsTable implements AutoCloseable {

    private final Path path;
    private SparkSession spark;

    WindowsTable(Path path) {
        this.path = path;
    }

    /** The table's rows now; none while the aggregator has not created it yet. */
    List<Window> read() {
        // not DeltaTable.isDeltaTable: it caches the table's log as first seen, and may miss the first commit
        if (!Files.exists(path.resolve("_delta_log/00000000000000000000.json"))) {
            return List.of();
        }
        return session().read().format("delta").load(path.toString()).collectAsList().stream()
                .map(WindowsTable::window).toList();
    }

    private static Window window(Row row) {
        return new Window(row.<Timestamp>getAs("window_start").toInstant(), row.getAs("C/A"), row.getAs("UNIT"),
                row.getAs("SCP"), row.getAs("STATION"), row.getAs("LINENAME"), row.getAs("DIVISION"),
                row.getAs("DATE"), row.getAs("DESC"), row.<Long>getAs("entries"), row.<Long>getAs("exits"),
                row.<Long>getAs("readings"));
    }

    // started on first read, so it does not compete for the cores with the apps while they start
    private synchronized SparkSession session() {
        if (spark == null) {
            spark = SparkSession.builder().master("local[1]").appName("e2e-windows-reader")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.session.timeZone", "UTC")
                    .config("spark.sql.shuffle.partitions", "1")
                    .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                    .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                    .getOrCreate();
        }
        return spark;
    }

    @Override
    public synchronized void close() {
        if (spark != null) {
            spark.stop();
        }
    }
}
