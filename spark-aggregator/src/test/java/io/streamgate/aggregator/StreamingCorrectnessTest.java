package io.streamgate.aggregator;

import io.streamgate.aggregator.job.JobSpec;
import io.streamgate.aggregator.metrics.MetricsRegistry;
import io.streamgate.aggregator.metrics.PrometheusEndpoint;
import io.streamgate.aggregator.metrics.StreamingMetricsListener;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Kafka path end to end, micro-batch by micro-batch: duplicates, late data, the horizon, counters, metrics. */
class StreamingCorrectnessTest {

    private static final String TURNSTILE = "A002,R051,02-00-00,59 ST,NQR456W,BMT,03/21/2020,";
    private static final SparkSession SPARK = SharedSpark.session();
    private static final MetricsRegistry METRICS = new MetricsRegistry();
    private static final StreamingMetricsListener LISTENER = new StreamingMetricsListener(METRICS);

    @TempDir
    Path dir;

    @BeforeAll
    static void listen() {
        SPARK.streams().addListener(LISTENER);
    }

    @AfterAll
    static void stopListening() {
        SPARK.streams().removeListener(LISTENER);
    }

    @Test
    void duplicatesAreDroppedLateDataCorrectsItsWindowAndDataBeyondTheHorizonGoesToTheLedger() throws Exception {
        String topic = TestKafka.topic("late", 1);
        String updates = TestKafka.topic("window-updates", 1);
        JobSpec job = TestJobs.bundled("mta-turnstile", topic, "name: mta-turnstile", "name: late-data",
                "watermark: PT4H", "watermark: PT4H\nhorizon: PT4H", "trigger: PT5S", "trigger: PT5S\nsinks: {export: {formats: [csv]}, kafka: {topic: " + updates + "}}");
        JobPipeline pipeline = JobPipeline.start(SPARK, job, TestJobs.settings(dir), METRICS);
        try (TestKafka kafka = new TestKafka(); PrometheusEndpoint endpoint = new PrometheusEndpoint(0, METRICS)) {
            kafka.sendCsv(topic, List.of(
                    TURNSTILE + "10:00:00,REGULAR,10,1",
                    TURNSTILE + "10:00:00,REGULAR,10,1",        // a sender's retry: new ce_id, same reading
                    TURNSTILE + "12:10:00,REGULAR,5,1"));
            pipeline.processAllAvailable();
            kafka.sendCsv(topic, List.of(TURNSTILE + "16:30:00,REGULAR,3,1")); // cut-off -> 12:30 New York
            pipeline.processAllAvailable();
            kafka.sendCsv(topic, List.of(
                    TURNSTILE + "12:40:00,REGULAR,7,1",         // late, inside the horizon: corrects 16:00Z
                    TURNSTILE + "10:20:00,REGULAR,100,1",       // beyond the horizon: to the ledger
                    TURNSTILE + "16:30:00,REGULAR,3,1",         // duplicate of a reading in events
                    "not,a,turnstile,row"));
            pipeline.processAllAvailable();

            assertThat(LakeTables.lines(LakeTables.table(SPARK, dir, "late-data", "windows")
                    .select("window_start", "entries", "exits", "readings"))).containsExactly(
                    "2020-03-21T14:00:00Z 10 1 1",
                    "2020-03-21T16:00:00Z 12 2 2",
                    "2020-03-21T20:00:00Z 3 1 1");
            Row ledger = LakeTables.table(SPARK, dir, "late-data", "ledger").agg(functions.sum("late"),
                    functions.sum("duplicates"), functions.flatten(functions.collect_list("late_sample"))).first();
            assertThat(ledger.getLong(0)).isEqualTo(1);
            assertThat(ledger.getLong(1)).as("the retry in batch 1, the reading in events in batch 3").isEqualTo(2);
            assertThat(ledger.<String>getList(2)).singleElement().asString().contains("\"TIME\":\"10:20:00\"");
            assertThat(LakeTables.table(SPARK, dir, "late-data", "quarantine").count()).isEqualTo(1);
            assertThat(METRICS.value("streamgate_late_rows_total", "job", "late-data")).isEqualTo(1);
            assertThat(METRICS.value("streamgate_quarantined_rows_total", "job", "late-data")).isEqualTo(1);
            assertThat(scrape(endpoint)).contains(
                    "streamgate_late_rows_total{job=\"late-data\"} 1.0",
                    "streamgate_duplicate_rows_total{job=\"late-data\"} 2.0",
                    "streamgate_quarantined_rows_total{job=\"late-data\"} 1.0",
                    "streamgate_kafka_offsets_behind_latest{query=\"late-data\"} 0.0",
                    "streamgate_batch_duration_seconds{query=\"late-data\"}");
            assertThat(SPARK.read().option("header", true).csv(dir.resolve("lake/late-data/export/csv").toString())
                    .select("batch", "window_start", "entries", "readings").collectAsList())
                    .as("only the closed window, in the folder of the batch that closed it").extracting(Row::toString)
                    .containsExactly("[1,2020-03-21T14:00:00.000Z,10,1]");
            assertThat(dir.resolve("lake/late-data/export/csv/batch=1/_SUCCESS")).exists();
            assertThat(TestKafka.latestValues(updates)).hasSize(3).anySatisfy((key, value) -> assertThat(value)
                    .contains("\"window_start\":\"2020-03-21T16:00:00.000Z\"", "\"entries\":12", "\"readings\":2"));
        } finally {
            pipeline.stop();
        }
    }

    @Test
    void counterDeltasFollowEventTimeWhateverTheArrivalOrder() throws Exception {
        String topic = TestKafka.topic("registers", 1);
        JobSpec job = TestJobs.bundled("mta-turnstile-registers", topic);
        JobPipeline pipeline = JobPipeline.start(SPARK, job, TestJobs.settings(dir), METRICS);
        try (TestKafka kafka = new TestKafka()) {
            kafka.sendCsv(topic, List.of(TURNSTILE + "00:00:00,REGULAR,1000,500", TURNSTILE + "08:00:00,REGULAR,1100,540"));
            pipeline.processAllAvailable();
            kafka.sendCsv(topic, List.of(TURNSTILE + "04:00:00,REGULAR,1030,520")); // arrives after 08:00
            pipeline.processAllAvailable();
            kafka.sendCsv(topic, List.of(TURNSTILE + "20:00:00,REGULAR,0,560"));    // a reset
            pipeline.processAllAvailable();
            kafka.sendCsv(topic, List.of(TURNSTILE + "23:00:00,REGULAR,10,570"));
            pipeline.processAllAvailable();

            assertThat(LakeTables.lines(LakeTables.table(SPARK, dir, job.name(), "windows")
                    .select("window_start", "entries", "exits"))).containsExactly(
                    "2020-03-21T04:00:00Z null null", "2020-03-21T08:00:00Z 30 20", "2020-03-21T12:00:00Z 70 20",
                    "2020-03-22T00:00:00Z 10 30");
            assertThat(METRICS.value("streamgate_counter_deltas_dropped_total", "job", job.name()))
                    .as("20:00's ENTRIES went down: a reset").isEqualTo(1);
        } finally {
            pipeline.stop();
        }
    }

    private static String scrape(PrometheusEndpoint endpoint) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + endpoint.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
