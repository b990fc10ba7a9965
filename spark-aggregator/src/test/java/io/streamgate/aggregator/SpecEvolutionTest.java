package io.streamgate.aggregator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.tables.DeltaTable;
import io.streamgate.aggregator.evolve.SpecEvolution;
import io.streamgate.aggregator.job.JobSpec;
import io.streamgate.aggregator.lake.StartRefused;
import io.streamgate.aggregator.lake.TableOwnership;
import io.streamgate.aggregator.metrics.MetricsRegistry;
import io.streamgate.testsupport.process.ChildJvm;
import io.streamgate.testsupport.process.ExitWithParent;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A job's spec changed between two runs on the same lake and checkpoint, one test per kind of change: start,
 * process, stop, change, restart, process more. Then {@code windows} equals a batch computation of the new spec over
 * the whole topic, or the start was refused with the documented line and left every table as it was. A rebuild
 * whose process is killed at a random point (seeded, logged) ends, run again, in the same tables.
 */
class SpecEvolutionTest {

    private static final String TURNSTILE = "A002,R051,02-00-0%d,59 ST,NQR456W,BMT,03/21/2020,%02d:00:00,REGULAR,%d,%d";
    private static final String COUNT = "  - {name: readings, function: count}";
    private static final String MAX_ADDED = COUNT + "\n  - {name: max_entries, function: max, field: ENTRIES}";
    private static final String HOURLY = "length: PT1H, slide: PT1H";
    private static final SparkSession SPARK = SharedSpark.session();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private String warehouse;

    @Test
    void aMeasureAddedIsRefusedUntilChosenThenARebuildFillsItForEveryWindow() throws Exception {
        String topic = TestKafka.topic("evolve-measure", 2);
        run(job(topic), null, readings(0, 4));
        Snapshot before = snapshot();

        JobSpec withMax = job(topic, COUNT, MAX_ADDED);
        assertThatThrownBy(() -> start(withMax, null)).isInstanceOf(StartRefused.class).hasMessage(
                "job mta-turnstile: measure max_entries added; restart with --evolve rebuild (fill what was added for"
                        + " every window from events) or --evolve extend (leave it empty in windows written before)"
                        + " (see spark-aggregator/README.md \"Evolving a job\")");
        assertThat(snapshot()).as("a refused start changes nothing").isEqualTo(before);

        run(withMax, "rebuild", readings(3, 6)); // hour 3 again: duplicates across the change
        assertThat(windows()).isEqualTo(batchOf(withMax, topic)).noneMatch(line -> line.contains("null"));
    }

    @Test
    void anInputColumnAndAMeasureAddedByExtendAreEmptyInWhatCameBeforeAndCountedFromThenInTheWarehouseToo()
            throws Exception {
        String topic = TestKafka.topic("evolve-extend", 2);
        JobSpec hourly = job(topic);
        JobSpec extended = job(topic, COUNT, MAX_ADDED, "ENTRIES, EXITS]", "ENTRIES, EXITS, AUDIT]",
                "types: {ENTRIES: long, EXITS: long}", "types: {ENTRIES: long, EXITS: long, AUDIT: long}");
        try (TestWarehouse db = new TestWarehouse()) {
            warehouse = db.url();
            run(hourly, null, readings(0, 3));
            // the senders append the new column from now on
            run(extended, "extend", readings(3, 5).stream().map(row -> row + ",17").toList());
            assertThat(db.lines("SELECT * FROM mta_turnstile_windows")).as("the warehouse gets the new column too")
                    .isEqualTo(windows());
        }

        // each spec reads its own rows (a CSV row of the other's width is malformed), and the hours do not overlap
        List<String> expected = new ArrayList<>(batchOf(hourly, topic).stream().map(line -> line + " null").toList());
        expected.addAll(batchOf(extended, topic));
        assertThat(windows()).isEqualTo(expected.stream().sorted().toList());
        assertThat(LakeTables.lines(LakeTables.table(SPARK, dir, "mta-turnstile", "events").groupBy("AUDIT").count()))
                .containsExactly("17 8", "null 12");
        assertThat(property(SpecEvolution.EXTENDED))
                .startsWith("input field(s) AUDIT added, measure max_entries added at ");
    }

    @Test
    void whatCannotBeRecomputedOrNeedsARebuildIsRefusedLeavingTheTablesWhatNeedsNothingCarriesOn() throws Exception {
        String topic = TestKafka.topic("evolve-window", 2);
        run(job(topic), null, readings(0, 5));
        Snapshot before = snapshot();

        JobSpec twoHours = job(topic, HOURLY, "length: PT2H, slide: PT2H");
        for (String mode : new String[] {null, "extend"}) {
            assertThatThrownBy(() -> start(twoHours, mode)).isInstanceOf(StartRefused.class).hasMessage(
                    "job mta-turnstile: window {\"length\":\"PT1H\",\"slide\":\"PT1H\"} ->"
                            + " {\"length\":\"PT2H\",\"slide\":\"PT2H\"} changes what windows hold; restart with"
                            + " --evolve rebuild (recomputes windows from events under the new spec; the old version"
                            + " stays readable by time travel) (see spark-aggregator/README.md \"Evolving a job\")");
        }
        // what a window is or holds: a rebuild; how a record is timed: a new job
        assertThatThrownBy(() -> start(job(topic, "group-by: [C/A, UNIT, SCP, STATION, LINENAME, DIVISION, DATE, DESC]",
                "group-by: [STATION]"), null)).hasMessageContaining("changes what windows hold");
        assertThatThrownBy(() -> start(job(topic, "{name: exits, function: sum, field: EXITS}",
                "{name: exits, function: max, field: EXITS}"), "extend")).hasMessageContaining("--evolve rebuild");
        assertThatThrownBy(() -> start(job(topic, "zone: America/New_York", "zone: UTC"), "rebuild"))
                .hasMessageContaining("event-time").hasMessageContaining("run it as a new job");
        JobSpec byId = job(topic, "dedup-key: [C/A, UNIT, SCP, DATE, TIME, DESC]", "dedup-key: [ce_id]");
        assertThatThrownBy(() -> start(byId, "rebuild")).isInstanceOf(StartRefused.class).hasMessage(
                "job mta-turnstile: dedup-key [\"C/A\",\"UNIT\",\"SCP\",\"DATE\",\"TIME\",\"DESC\"] -> [\"ce_id\"]:"
                        + " events was read under the old rule, so nothing can be recomputed from the lake; run it as"
                        + " a new job (another name), or delete " + dir.resolve("lake") + "/mta-turnstile and "
                        + dir.resolve("checkpoints") + "/mta-turnstile to read its topics again"
                        + " (see spark-aggregator/README.md \"Evolving a job\")");
        assertThat(snapshot()).as("refused starts change nothing").isEqualTo(before);

        String updates = TestKafka.topic("evolve-window-updates", 2);
        String later = "trigger: PT1S\nhorizon: P30D\nsinks: {export: {formats: [csv]}, kafka: {topic: " + updates + "}}";
        JobSpec carriedOn = job(topic, "trigger: PT5S", later);
        run(carriedOn, null, readings(4, 10)); // carries on unasked
        assertThat(windows()).isEqualTo(batchOf(carriedOn, topic));
        assertThat(property(TableOwnership.SPEC)).contains("P30D");
        Set<String> hourlyPublished = Set.copyOf(TestKafka.latestValues(updates).keySet());
        // hours 5 to 9: its hour-4 readings were duplicates of the first run's, so they changed no window
        assertThat(hourlyPublished).as("the hourly windows the carried-on run changed").hasSize(4 * 5);
        long hourlyVersion = snapshot().windowsVersion();

        JobSpec laterTwoHours = job(topic, "trigger: PT5S", later, HOURLY, "length: PT2H, slide: PT2H");
        run(laterTwoHours, "rebuild", readings(9, 12));
        assertThat(windows()).isEqualTo(batchOf(laterTwoHours, topic));
        assertThat(SPARK.read().format("delta").option("versionAsOf", hourlyVersion).load(table("windows")).count())
                .as("the hourly windows stay readable by time travel").isEqualTo(4 * 10);
        assertThat(property(TableOwnership.SPEC)).contains("PT2H");
        // the rebuild sees events up to 09:00 New York time (13:00Z): with the 4-hour watermark, windows ending by
        // 09:00Z are closed; the rows sent after it are not in what it exports
        Path rebuilt = dir.resolve("lake/mta-turnstile/export/csv/rebuild=" + (hourlyVersion + 1));
        assertThat(rebuilt.resolve("_SUCCESS")).as("every closed window, exported whole").exists();
        assertThat(LakeTables.lines(SPARK.read().option("header", true).csv(rebuilt.toString())
                .select(functions.col("window_start").cast("timestamp"), functions.col("SCP"), functions.col("entries"))))
                .isEqualTo(LakeTables.lines(LakeTables.table(SPARK, dir, "mta-turnstile", "windows")
                        .filter("window_end <= timestamp'2020-03-21 09:00:00'").select("window_start", "SCP", "entries")));

        Map<String, String> live = TestKafka.latestValues(updates);
        assertThat(live.entrySet().stream().filter(e -> e.getValue() == null).map(Map.Entry::getKey))
                .as("a tombstone for every hourly window published before").containsExactlyInAnyOrderElementsOf(hourlyPublished);
        Dataset<Row> rebuiltWindows = LakeTables.table(SPARK, dir, "mta-turnstile", "windows");
        List<String> published = new ArrayList<>();
        for (String value : live.values().stream().filter(Objects::nonNull).toList()) {
            JsonNode window = JSON.readTree(value);
            published.add(Instant.parse(window.get("window_start").asText()) + " " + window.get("SCP").asText() + " "
                    + window.get("entries").asLong());
        }
        assertThat(published).as("every two-hour window, with its totals").containsExactlyInAnyOrderElementsOf(
                rebuiltWindows.collectAsList().stream().map(r -> r.<Timestamp>getAs("window_start").toInstant() + " "
                        + r.getAs("SCP") + " " + r.<Long>getAs("entries")).toList());
    }

    @Test
    void aRebuildKilledAtARandomPointEndsInTheSameTablesWhenRunAgain() throws Exception {
        long seed = Long.getLong("rebuild.seed", System.nanoTime());
        System.out.println("SpecEvolutionTest rebuild kill seed " + seed + " (replay: -Drebuild.seed=" + seed + ")");
        String topic = TestKafka.topic("evolve-kill", 2);
        List<String> rows = new ArrayList<>();
        for (int day = 10; day < 30; day++) {
            String date = "03/%02d/2020".formatted(day);
            rows.addAll(readings(0, 24).stream().map(r -> r.replace("03/21/2020", date)).toList());
        }
        run(job(topic), null, rows);
        JobSpec twoHours = job(topic, HOURLY, "length: PT2H, slide: PT2H");
        Path yaml = Files.writeString(dir.resolve("mta-turnstile.yaml"), TestJobs.bundledYaml("mta-turnstile")
                .replaceFirst("topics: \\[[^]]*]", "topics: [" + topic + "]").replace(HOURLY, "length: PT2H, slide: PT2H"));
        Path log = dir.resolve("rebuild.log");
        ChildJvm rebuild = aggregatorJvm(yaml, log);
        try {
            await().atMost(Duration.ofMinutes(3)).until(() -> !rebuild.isAlive()
                    || rebuild.log().contains("rebuilding windows"));
            rebuild.assertAlive();
            rebuild.waitFor(Duration.ofMillis(new SplittableRandom(seed).nextLong(0, 4_000)));
        } finally {
            rebuild.kill();
        }
        System.out.println("killed " + (Files.readString(log).contains("windows rebuilt") ? "after" : "before")
                + " the rebuild's commit");

        run(twoHours, "rebuild", List.of());
        assertThat(windows()).isEqualTo(batchOf(twoHours, topic));
        assertThat(property(TableOwnership.SPEC)).contains("PT2H");
    }

    /** The aggregator's main in a JVM of its own (ending with this one), as an operator runs it, rebuilding. */
    private ChildJvm aggregatorJvm(Path jobs, Path log) {
        List<String> command = List.of(ChildJvm.testJava(),
                "@" + Path.of("src/main/jvm/spark-java17.options").toAbsolutePath(), "-Xmx1g", "-XX:+UseSerialGC",
                "-Dspark.driver.host=127.0.0.1", "-Dspark.driver.bindAddress=127.0.0.1", "-Dspark.ui.enabled=false",
                "-cp", System.getProperty("java.class.path"), ExitWithParent.class.getName(),
                String.valueOf(ProcessHandle.current().pid()), AggregatorMain.class.getName(),
                "--master", "local[1]", "--jobs", jobs.toString(), "--bootstrap-servers", TestKafka.bootstrapServers(),
                "--lake", dir.resolve("lake").toString(), "--checkpoints", dir.resolve("checkpoints").toString(),
                "--evolve", "rebuild", "--metrics-port", "0");
        return ChildJvm.start("rebuild", log, command);
    }

    /** Starts the job, sends {@code rows}, processes them and stops. */
    private void run(JobSpec job, String evolve, List<String> rows) throws Exception {
        JobPipeline pipeline = start(job, evolve);
        try (TestKafka kafka = new TestKafka()) {
            kafka.sendCsv(job.input().topics().get(0), rows);
            pipeline.processAllAvailable();
        } finally {
            pipeline.stop();
        }
    }

    private JobPipeline start(JobSpec job, String evolve) throws Exception {
        AggregatorSettings plain = TestJobs.settings(dir);
        return JobPipeline.start(SPARK, job, new AggregatorSettings(plain.bootstrapServers(), plain.lake(),
                plain.checkpoints(), plain.startingOffsets(), plain.triggerOverride(), null, warehouse, evolve),
                new MetricsRegistry());
    }

    private static JobSpec job(String topic, String... replacements) {
        return TestJobs.bundled("mta-turnstile", topic, replacements);
    }

    /** Readings of four turnstiles, hours {@code from} (inclusive) to {@code to}, New York time. */
    private static List<String> readings(int from, int to) {
        List<String> rows = new ArrayList<>();
        for (int hour = from; hour < to; hour++) {
            for (int scp = 0; scp < 4; scp++) {
                rows.add(TURNSTILE.formatted(scp, hour, 100 * hour + 7 * scp, hour + scp));
            }
        }
        return rows;
    }

    /** The new spec as one batch over the whole topic. */
    private static List<String> batchOf(JobSpec job, String topic) {
        Dataset<Row> kafka = SPARK.read().format("kafka")
                .option("kafka.bootstrap.servers", TestKafka.bootstrapServers())
                .option("subscribe", topic)
                .option("includeHeaders", "true")
                .load();
        return LakeTables.lines(StaticBatch.windows(SPARK, job, kafka));
    }

    private List<String> windows() {
        return LakeTables.lines(LakeTables.table(SPARK, dir, "mta-turnstile", "windows"));
    }

    private String table(String name) {
        return dir.resolve("lake").resolve("mta-turnstile").resolve(name).toString();
    }

    private String property(String key) {
        return DeltaTable.forPath(SPARK, table("windows")).detail().first()
                .<scala.collection.Map<String, String>>getAs("properties").get(key).getOrElse(() -> null);
    }

    private Snapshot snapshot() {
        List<Long> versions = new ArrayList<>();
        for (String name : List.of("events", "quarantine", "windows", "ledger")) {
            versions.add(DeltaTable.forPath(SPARK, table(name)).history(1).first().<Long>getAs("version"));
        }
        return new Snapshot(versions, windows());
    }

    /** The tables' versions and the windows' rows: what a refused start must leave as it was. */
    private record Snapshot(List<Long> versions, List<String> windows) {
        long windowsVersion() {
            return versions.get(2);
        }
    }
}
