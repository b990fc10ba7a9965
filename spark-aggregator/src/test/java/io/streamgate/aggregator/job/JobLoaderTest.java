package io.streamgate.aggregator.job;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobLoaderTest {

    private final JobLoader loader = new JobLoader();

    @Test
    void bundledJobsLoad() {
        List<JobSpec> jobs = loader.load(JobLoader.BUNDLED);

        assertThat(jobs).extracting(JobSpec::name).containsExactlyElementsOf(JobLoader.BUNDLED);
        JobSpec mta = jobs.get(0);
        assertThat(mta.dedupKey()).containsExactly("C/A", "UNIT", "SCP", "DATE", "TIME", "DESC");
        assertThat(mta.input().topics()).containsExactly("mta.turnstile");
        assertThat(jobs.get(1).needsCounterDeltas()).isTrue();
        assertThat(jobs.get(2).watermarkDelay()).hasMinutes(10);
        assertThat(jobs.get(2).dedupKey()).containsExactly("ce_id");
        assertThat(mta.warehouseTable()).isEqualTo("mta_turnstile_windows");
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "unknown key             | 'watermark: PT4H'                        | 'watermarks: PT4H'                              | watermarks: unknown key",
            "bad measure function    | 'function: sum, field: ENTRIES'          | 'function: median, field: ENTRIES'              | measures[0].function: 'median' is not one of",
            "bad watermark duration  | 'watermark: PT4H'                        | 'watermark: 4 hours'                            | watermark: not an ISO-8601 duration",
            "unknown time zone       | 'zone: America/New_York'                 | 'zone: Mars/Olympus'                            | event-time.zone: unknown time zone",
            "unknown group-by field  | 'group-by: [C/A,'                        | 'group-by: [STATIONS,'                          | group-by: unknown field 'STATIONS'",
            "bad type                | 'ENTRIES: long'                          | 'ENTRIES: bigly'                                | input.types.ENTRIES: not a Spark type",
            "bad format              | 'format: csv'                            | 'format: xml'                                   | input.format: must be csv or json",
            "slide beyond length     | 'slide: PT1H'                            | 'slide: PT2H'                                   | window.slide: must not exceed window.length",
            "wrong value type        | 'topics: [mta.turnstile]'                | 'topics: {a: b}'                                | input.topics:",
            "horizon below watermark | 'watermark: PT4H'                        | 'watermark: PT4H\nhorizon: PT1H'               | horizon: must not be shorter than the watermark (PT4H)",
            "counter without deltas  | 'watermark: PT4H'                        | 'watermark: PT4H\ncounter: {key: [UNIT]}'       | counter: only used with counter-delta measures",
            "bad date pattern        | '\"MM-dd-yy HH:mm:ss\"'                  | '\"MM-dd-yy HH:mm:ss{\"'                        | event-time.formats[1]: not a date-time pattern",
            "bad warehouse table     | 'trigger: PT5S'                          | 'trigger: PT5S\nsinks: {warehouse: {table: Bad-Name}}' | sinks.warehouse.table: a lower-case SQL name",
    })
    void badJobFailsNamingTheKey(String problem, String from, String to, String expected) {
        String yaml = bundled("mta-turnstile").replace(from, to.replace("\\n", "\n"));

        assertThatThrownBy(() -> loader.parse("bad.yaml", yaml))
                .isInstanceOf(JobConfigException.class)
                .hasMessageStartingWith("bad.yaml: ")
                .hasMessageContaining(expected);
    }

    @Test
    void counterDeltaWithoutCounterFailsNamingTheKey() {
        String yaml = bundled("mta-turnstile-registers").replaceAll("(?s)counter:\\n.*?max-gap: PT24H\\n", "");

        assertThatThrownBy(() -> loader.parse("bad.yaml", yaml)).hasMessage("bad.yaml: counter: required with counter-delta measures");
    }

    @Test
    void unknownJobReferenceFailsNamingTheFile() {
        assertThatThrownBy(() -> loader.load(List.of("no/such/job.yaml")))
                .isInstanceOf(JobConfigException.class)
                .hasMessageStartingWith("no/such/job.yaml: (file): cannot read");
    }

    private static String bundled(String name) {
        try (InputStream in = JobLoaderTest.class.getClassLoader().getResourceAsStream("jobs/" + name + ".yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
