package io.streamgate.aggregator;

import io.streamgate.aggregator.job.JobSpec;
import io.streamgate.aggregator.metrics.MetricsRegistry;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaToDeltaFoundationTest {

    @TempDir
    Path dir;

    @Test
    void readsATopicAndWritesEventsAndWindowsAsDeltaTables() throws Exception {
        SparkSession spark = SharedSpark.session();
        String topic = TestKafka.topic("foundation", 2);
        JobSpec job = TestJobs.bundled("mta-turnstile", topic);
        try (TestKafka kafka = new TestKafka()) {
            kafka.sendCsv(topic, List.of(
                    "A002,R051,02-00-00,59 ST,NQR456W,BMT,03/21/2020,00:00:00,REGULAR,10,20",
                    "A002,R051,02-00-00,59 ST,NQR456W,BMT,03/21/2020,00:30:00,REGULAR,5,7",
                    "A002,R051,02-00-01,59 ST,NQR456W,BMT,03-21-20,00:10:00,REGULAR,1,2"));
        }
        JobPipeline pipeline = JobPipeline.start(spark, job, TestJobs.settings(dir), new MetricsRegistry());
        try {
            pipeline.processAllAvailable();
        } finally {
            pipeline.stop();
        }

        String lake = dir.resolve("lake/mta-turnstile").toString();
        assertThat(spark.read().format("delta").load(lake + "/events").count()).isEqualTo(3);
        List<Row> windows = spark.read().format("delta").load(lake + "/windows")
                .orderBy("SCP").select("window_start", "SCP", "entries", "exits", "readings").collectAsList();
        assertThat(windows).extracting(Row::toString).containsExactly(
                "[2020-03-21 04:00:00.0,02-00-00,15,27,2]",
                "[2020-03-21 04:00:00.0,02-00-01,1,2,1]");
    }
}
