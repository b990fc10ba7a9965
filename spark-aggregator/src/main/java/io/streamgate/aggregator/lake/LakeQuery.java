package io.streamgate.aggregator.lake;

import java.util.Arrays;
import java.util.List;

import io.streamgate.aggregator.StreamingSessions;
import io.streamgate.aggregator.sql.Columns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Prints the newest rows of one lake table, for people who have no Spark installed:
 * {@code LakeQuery <lake> <job> [events|windows|quarantine|ledger] [rows]} (the local run's {@code ./lake.sh} wraps it).
 * Windows are shown newest window first; the other tables as stored.
 */
public final class LakeQuery {

    private static final List<String> TABLES = List.of("events", "windows", "quarantine", "ledger");

    private LakeQuery() {
    }

    public static void main(String[] args) {
        if (args.length < 2 || args.length > 4 || (args.length > 2 && !TABLES.contains(args[2]))) {
            System.err.println("usage: LakeQuery <lake> <job> [" + String.join("|", TABLES) + "] [rows]");
            System.exit(2);
        }
        String table = args.length > 2 ? args[2] : "windows";
        int rows = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        LakePaths paths = new LakePaths(args[0], "", args[1]);
        String path = switch (table) {
            case "events" -> paths.events();
            case "quarantine" -> paths.quarantine();
            case "ledger" -> paths.ledger();
            default -> paths.windows();
        };
        SparkSession spark = StreamingSessions.configure(SparkSession.builder().appName("lake-query")
                .master("local[1]").config("spark.ui.enabled", "false")).getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        try {
            Dataset<Row> data = spark.read().format("delta").load(path);
            if (Arrays.asList(data.columns()).contains(Columns.WINDOW_START)) {
                data = data.orderBy(functions.col(Columns.WINDOW_START).desc());
            }
            System.out.println(path + ": " + data.count() + " rows");
            data.show(rows, false);
        } finally {
            spark.stop();
        }
    }
}
