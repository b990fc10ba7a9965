import io.delta.tables.DeltaTable;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes lake-peek's test lake (src/test/resources/lake) with Delta Spark 3.3.2, the writer of the real lake. Run once
 * from the repository root, after ./mvnw -pl spark-aggregator -am package -DskipTests:
 *
 *   rm -rf lake-peek/src/test/resources/lake
 *   java @spark-aggregator/src/main/jvm/spark-java17.options -cp "$(cat spark-aggregator/target/runtime.classpath)" \
 *     lake-peek/src/test/fixture-maker/MakeDeltaFixtures.java lake-peek/src/test/resources/lake
 *
 * shop/windows: an append, an overwrite (its files removed from the snapshot, still on disk) and a MERGE;
 * shop/events: one append; dv/windows: a DELETE with deletion vectors; renamed/windows: column mapping and a
 * renamed column; parts/windows: a partitioned table.
 */
public class MakeDeltaFixtures {

    public static void main(String[] args) throws Exception {
        Path lake = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(lake);
        SparkSession spark = SparkSession.builder().master("local[1]").appName("fixtures")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.shuffle.partitions", "1")
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .getOrCreate();
        String windows = "window_start TIMESTAMP, window_end TIMESTAMP, STATION STRING, entries BIGINT";
        String shop = lake.resolve("shop/windows").toString();
        spark.sql("CREATE TABLE delta.`" + shop + "` (" + windows + ") USING delta");
        spark.sql("INSERT INTO delta.`" + shop + "` VALUES "
                + "(TIMESTAMP'2020-03-21 05:00:00', TIMESTAMP'2020-03-21 06:00:00', '59 ST', 5),"
                + "(TIMESTAMP'2020-03-21 05:00:00', TIMESTAMP'2020-03-21 06:00:00', 'ASTOR PL', 3),"
                + "(TIMESTAMP'2020-03-21 06:00:00', TIMESTAMP'2020-03-21 07:00:00', '59 ST', 1)");
        spark.sql("INSERT OVERWRITE delta.`" + shop + "` VALUES "
                + "(TIMESTAMP'2020-03-21 05:00:00', TIMESTAMP'2020-03-21 06:00:00', '59 ST', 50),"
                + "(TIMESTAMP'2020-03-21 05:00:00', TIMESTAMP'2020-03-21 06:00:00', 'ASTOR PL', 30)");
        DeltaTable.forPath(spark, shop).as("t").merge(spark.sql("SELECT * FROM VALUES "
                        + "(TIMESTAMP'2020-03-21 05:00:00', TIMESTAMP'2020-03-21 06:00:00', 'ASTOR PL', 31L),"
                        + "(TIMESTAMP'2020-03-21 07:00:00', TIMESTAMP'2020-03-21 08:00:00', 'BOWLING GREEN', 7L)"
                        + " AS s(window_start, window_end, STATION, entries)").as("s"),
                        "t.window_start = s.window_start AND t.STATION = s.STATION")
                .whenMatched().updateAll().whenNotMatched().insertAll().execute();

        String events = lake.resolve("shop/events").toString();
        spark.sql("CREATE TABLE delta.`" + events + "` (event_time TIMESTAMP, STATION STRING, ENTRIES BIGINT) USING delta");
        spark.sql("INSERT INTO delta.`" + events + "` VALUES (TIMESTAMP'2020-03-21 05:10:00', '59 ST', 20),"
                + "(TIMESTAMP'2020-03-21 05:20:00', '59 ST', 30)");

        String dv = lake.resolve("dv/windows").toString();
        spark.sql("CREATE TABLE delta.`" + dv + "` (" + windows + ") USING delta"
                + " TBLPROPERTIES ('delta.enableDeletionVectors' = 'true')");
        spark.sql("INSERT INTO delta.`" + dv + "` VALUES "
                + "(TIMESTAMP'2020-03-21 05:00:00', TIMESTAMP'2020-03-21 06:00:00', '59 ST', 5),"
                + "(TIMESTAMP'2020-03-21 05:00:00', TIMESTAMP'2020-03-21 06:00:00', 'ASTOR PL', 3)");
        spark.sql("DELETE FROM delta.`" + dv + "` WHERE STATION = 'ASTOR PL'");

        String renamed = lake.resolve("renamed/windows").toString();
        spark.sql("CREATE TABLE delta.`" + renamed + "` (" + windows + ") USING delta TBLPROPERTIES ("
                + "'delta.columnMapping.mode' = 'name', 'delta.minReaderVersion' = '2', 'delta.minWriterVersion' = '5')");
        spark.sql("INSERT INTO delta.`" + renamed + "` VALUES "
                + "(TIMESTAMP'2020-03-21 05:00:00', TIMESTAMP'2020-03-21 06:00:00', '59 ST', 5)");
        spark.sql("ALTER TABLE delta.`" + renamed + "` RENAME COLUMN entries TO total_entries");

        String parts = lake.resolve("parts/windows").toString();
        spark.sql("CREATE TABLE delta.`" + parts + "` (" + windows + ") USING delta PARTITIONED BY (STATION)");
        spark.sql("INSERT INTO delta.`" + parts + "` VALUES "
                + "(TIMESTAMP'2020-03-21 05:00:00', TIMESTAMP'2020-03-21 06:00:00', '59 ST', 5)");
        spark.stop();
    }
}
