package io.streamgate.aggregator;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AggregatorOptionsTest {

    @Test
    void readsTheLocalRunOptions() {
        AggregatorOptions options = AggregatorOptions.parse("--master", "local[*]", "--bootstrap-servers", "127.0.0.1:9092",
                "--lake", "./lake", "--checkpoints", "./.work/checkpoints", "--jobs", "mta-turnstile, my/job.yaml",
                "--trigger", "PT2S", "--metrics-port", "0");

        assertThat(options.master()).isEqualTo("local[*]");
        assertThat(options.jobs()).containsExactly("mta-turnstile", "my/job.yaml");
        assertThat(options.metricsPort()).isZero();
        assertThat(options.settings()).isEqualTo(new AggregatorSettings("127.0.0.1:9092", "./lake", "./.work/checkpoints",
                "earliest", Duration.ofSeconds(2), null));
        assertThat(options.shufflePartitions()).isEqualTo(4);
    }

    @Test
    void defaultsToTheBundledJobsAndTheirOwnTriggers() {
        AggregatorOptions options = AggregatorOptions.parse("--bootstrap-servers", "k:9092", "--lake", "s3a://lake",
                "--checkpoints", "s3a://checkpoints");

        assertThat(options.master()).isNull();
        assertThat(options.jobs()).containsExactly("mta-turnstile", "nyc-taxi");
        assertThat(options.settings().triggerOverride()).isNull();
        assertThat(options.metricsPort()).isEqualTo(9464);
        assertThat(options.shufflePartitions()).as("the same default on every master").isEqualTo(4);
        assertThat(options.snapshotPartitions()).isEqualTo(2);
    }

    @Test
    void aWarehouseIsAPostgreSqlJdbcUrl() {
        String url = "jdbc:postgresql://db:5432/warehouse?user=streamgate";
        assertThat(AggregatorOptions.parse("--bootstrap-servers", "k:9092", "--lake", "l", "--checkpoints", "c",
                "--warehouse", url).settings().warehouseUrl()).isEqualTo(url);
        assertThat(AggregatorOptions.parse("--bootstrap-servers", "k:9092", "--lake", "l", "--checkpoints", "c")
                .settings().warehouseUrl()).isNull();
        assertThatThrownBy(() -> AggregatorOptions.parse("--bootstrap-servers", "k:9092", "--lake", "l",
                "--checkpoints", "c", "--warehouse", "jdbc:mysql://db/w"))
                .hasMessage("--warehouse: a PostgreSQL JDBC URL (jdbc:postgresql://...), not jdbc:mysql://db/w");
    }

    @Test
    void badOptionsFailNamingTheOption() {
        assertThatThrownBy(() -> AggregatorOptions.parse("--lake", "l", "--checkpoints", "c"))
                .hasMessage("--bootstrap-servers: required");
        assertThatThrownBy(() -> AggregatorOptions.parse("--bootstrap-servers", "k:9092", "--lake", "l", "--checkpoints",
                "c", "--trigger", "5s")).hasMessage("--trigger: not an ISO-8601 duration: 5s");
        assertThatThrownBy(() -> AggregatorOptions.parse("--topics", "x")).hasMessage("unknown option --topics");
        assertThatThrownBy(() -> AggregatorOptions.parse("--lake")).hasMessage("--lake: value missing");
        assertThatThrownBy(() -> AggregatorOptions.parse("--bootstrap-servers", "k:9092", "--lake", "l", "--checkpoints",
                "c", "--recover", "later")).hasMessage("--recover: resume or rebuild, not later");
        assertThatThrownBy(() -> AggregatorOptions.parse("--bootstrap-servers", "k:9092", "--lake", "l", "--checkpoints",
                "c", "--shuffle-partitions", "0")).hasMessage("--shuffle-partitions: a positive number, not 0");
    }
}
