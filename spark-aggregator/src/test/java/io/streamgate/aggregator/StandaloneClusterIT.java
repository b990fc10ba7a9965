package io.streamgate.aggregator;

import io.streamgate.testsupport.process.ChildJvm;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.spark.sql.Column;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bundled jobs on a real cluster: a standalone master and two workers, each its own JVM, the aggregator
 * submitted with its shaded jar through {@code SparkSubmit} (client mode), executors on both workers. Everything the
 * executors need must reach them through the jar or the plan: the job definitions and the taxi zone lookup are read
 * from the jar on the driver; the lake and the checkpoints are a folder that every JVM sees, as a shared file
 * system would be on a real cluster.
 */
class StandaloneClusterIT {

    private static final Path APP_JAR = Path.of(System.getProperty("cluster.app.jar", "(cluster.app.jar unset)"));
    private static final Map<String, String> SUBMIT_CONF = Map.ofEntries(
            Map.entry("spark.executor.memory", "512m"),
            Map.entry("spark.executor.cores", "1"),
            Map.entry("spark.cores.max", "2"),
            // a short run: the C2 compiler would only compete with the tasks for the two cores
            Map.entry("spark.executor.extraJavaOptions", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"),
            // shuffle and Delta snapshot partitions come from AggregatorMain's --shuffle-partitions and
            // --snapshot-partitions (passed below, one per executor core), which it sets on every master
            Map.entry("spark.default.parallelism", "2"),
            // state store upkeep is background work; in a short run it only competes for the cores
            Map.entry("spark.sql.streaming.stateStore.maintenanceInterval", "10m"),
            // schedule nothing until both executors are up, so that both run tasks
            Map.entry("spark.scheduler.minRegisteredResourcesRatio", "1.0"),
            Map.entry("spark.scheduler.maxRegisteredResourcesWaitingTime", "120s"),
            Map.entry("spark.ui.enabled", "false"),
            Map.entry("spark.driver.host", "127.0.0.1"));
    private static final String MTA_TOPIC = "mta.turnstile";
    private static final String TAXI_TOPIC = "nyc.taxi.trips";

    /** Kept when the test fails: the logs of every JVM are under {@code cluster/logs} and the workers' folders. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void bundledJobsRunOnAStandaloneClusterOfTwoWorkers() {
        assertThat(APP_JAR).as("the shaded jar (package phase)").isRegularFile();
        createTopics(MTA_TOPIC, TAXI_TOPIC);
        sendRecords();
        Path lake = dir.resolve("lake");
        try (StandaloneCluster cluster = StandaloneCluster.start(dir.resolve("cluster"), 2, 1, "1g");
             ChildJvm driver = cluster.submit("aggregator", APP_JAR, AggregatorMain.class.getName(), SUBMIT_CONF,
                     List.of("--bootstrap-servers", TestKafka.bootstrapServers(),
                             "--lake", lake.toString(), "--checkpoints", dir.resolve("checkpoints").toString(),
                             "--jobs", "mta-turnstile,nyc-taxi", "--trigger", "PT1S", "--metrics-port", "0",
                             "--shuffle-partitions", "2", "--snapshot-partitions", "2"))) {
            // a deadline, not a timing; generous because other builds may share the two cores with seven JVMs here
            // (two jobs, a query each, every JVM still compiling Spark's code)
            await("the windows of both jobs (logs: " + dir + ")").atMost(Duration.ofMinutes(15))
                    .pollInterval(Duration.ofSeconds(3))
                    .untilAsserted(() -> {
                        driver.assertAlive();
                        assertThat(mtaWindows(lake)).containsExactly(
                                "2020-03-21T04:00:00Z 02-00-00 03/21/2020 15 27 2",
                                "2020-03-21T04:00:00Z 02-00-01 03-21-20 1 2 1");
                        assertThat(taxiWindows(lake)).containsExactly(
                                "2024-01-10T11:00:00Z Manhattan 2 17.00 8.50 4.00",
                                "2024-01-10T11:00:00Z Queens 1 30.00 30.00 10.00",
                                "2024-01-10T12:00:00Z EWR 1 80.00 80.00 20.00");
                    });
            List<Path> executors = cluster.executorLogs();
            assertThat(executors).as("one executor per worker").hasSize(2);
            assertThat(cluster.workerDirs()).allSatisfy(worker ->
                    assertThat(executors).anySatisfy(log -> assertThat(log).startsWith(worker)));
            assertThat(executors).as("tasks ran on both executors")
                    .allSatisfy(log -> assertThat(read(log)).contains("Finished task"));
        }
    }

    /** The bundled jobs' own topics, two partitions each, so that both executors read. */
    private static void createTopics(String... names) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            admin.createTopics(Stream.of(names).map(name -> new NewTopic(name, 2, (short) 1)).toList()).all().get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sendRecords() {
        try (TestKafka kafka = new TestKafka()) {
            kafka.send(MTA_TOPIC, "m1", "text/csv", "A002,R051,02-00-00,59 ST,NQR456W,BMT,03/21/2020,00:00:00,REGULAR,10,20");
            kafka.send(MTA_TOPIC, "m2", "text/csv", "A002,R051,02-00-00,59 ST,NQR456W,BMT,03/21/2020,00:30:00,REGULAR,5,7");
            // the same reading again under another ce_id: the job's dedup key recognises it
            kafka.send(MTA_TOPIC, "m3", "text/csv", "A002,R051,02-00-00,59 ST,NQR456W,BMT,03/21/2020,00:00:00,REGULAR,10,20");
            kafka.send(MTA_TOPIC, "m4", "text/csv", "A002,R051,02-00-01,59 ST,NQR456W,BMT,03-21-20,00:10:00,REGULAR,1,2");
            kafka.send(MTA_TOPIC, "m5", "text/csv", "A002,R051,malformed");
            // 06:xx in New York is 11:00Z in January; zones 4, 2 and 1 are Manhattan, Queens and EWR in the lookup
            kafka.send(TAXI_TOPIC, "t1", "application/json", trip("2024-01-10 06:10:00", 4, "1", "2.50", "10.00"));
            kafka.send(TAXI_TOPIC, "t2", "application/json", trip("2024-01-10 06:20:00", 4, "2", "5.50", "7.00"));
            kafka.send(TAXI_TOPIC, "t1", "application/json", trip("2024-01-10 06:10:00", 4, "1", "2.50", "10.00"));
            kafka.send(TAXI_TOPIC, "t3", "application/json", trip("2024-01-10 06:40:00", 2, "1", "10.00", "30.00"));
            kafka.send(TAXI_TOPIC, "t4", "application/json", trip("2024-01-10 07:05:00", 1, "3", "20.00", "80.00"));
            kafka.send(TAXI_TOPIC, "t5", "application/json", trip("2024-01-10 07:06:00", 999, "1", "1.00", "5.00"));
            kafka.flush();
        }
    }

    private static String trip(String pickup, int zone, String passengers, String distance, String fare) {
        return ("{\"tpep_pickup_datetime\":\"%s\",\"PULocationID\":%d,\"passenger_count\":%s,\"trip_distance\":%s,"
                + "\"fare_amount\":%s,\"total_amount\":%s}").formatted(pickup, zone, passengers, distance, fare, fare);
    }

    private static List<String> mtaWindows(Path lake) {
        return windows(lake.resolve("mta-turnstile/windows"), List.of(col("window_start"), col("SCP"), col("DATE"),
                col("entries"), col("exits"), col("readings")));
    }

    private static List<String> taxiWindows(Path lake) {
        return windows(lake.resolve("nyc-taxi/windows"), List.of(col("window_start"), col("pickup_borough"),
                col("trips"), col("total_fare").cast("decimal(12,2)"), col("avg_fare").cast("decimal(12,2)"),
                col("avg_distance").cast("decimal(12,2)")));
    }

    /**
     * The table's rows once it holds a data file; until then none, without a Spark job (this JVM's own session
     * would only compete with the cluster for the two cores).
     */
    private static List<String> windows(Path table, List<Column> columns) {
        if (!hasDataFile(table)) {
            return List.of();
        }
        return LakeTables.lines(SharedSpark.session().read().format("delta").load(table.toString())
                .select(columns.toArray(Column[]::new)));
    }

    private static boolean hasDataFile(Path table) {
        if (!Files.isDirectory(table)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(table)) {
            return files.anyMatch(file -> file.getFileName().toString().endsWith(".parquet"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
