package io.streamgate.dashboard.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code streamgate.dashboard}: which aggregator jobs to show and how much of them to keep.
 *
 * @param jobs per job name, the topic its changed windows are published to ({@code sinks.kafka.topic} of the job)
 *     and how to chart them
 * @param retention windows ending longer than this before a job's newest window are forgotten
 * @param maxWindows the most windows kept in memory over all jobs (the oldest go first)
 * @param maxClients the most browsers connected at once; one more is answered 503
 * @param heartbeat how often an idle stream gets a comment line, so dead connections are found and dropped
 */
@Validated
@ConfigurationProperties("streamgate.dashboard")
public record DashboardProperties(
        @NotEmpty Map<@Pattern(regexp = "[a-z0-9._-]+") String, @Valid @NotNull Job> jobs,
        @DefaultValue("PT72H") @NotNull Duration retention,
        @DefaultValue("20000") @Min(1) int maxWindows,
        @DefaultValue("50") @Min(1) int maxClients,
        @DefaultValue("PT15S") @NotNull Duration heartbeat) {

    /**
     * One job's view.
     *
     * @param topic the Kafka topic of the job's changed windows
     * @param series the group-by field whose values are the chart's lines (e.g. {@code STATION}, {@code pickup_borough})
     * @param measures the job's measures, as in its YAML: every other field of a window is a group-by field
     * @param chart the measures a chart offers, sums or counts (a line adds up the windows of its series value, e.g.
     *     the turnstiles of a station); all {@code measures} if empty
     * @param title the chart's heading; the job name if empty
     */
    public record Job(@NotBlank String topic, @NotBlank String series, @NotEmpty List<@NotBlank String> measures,
            List<@NotBlank String> chart, String title) {

        public Job {
            chart = chart == null || chart.isEmpty() ? measures : List.copyOf(chart);
        }

        @AssertTrue(message = "chart names a field that is not one of measures")
        public boolean isChartOfMeasures() {
            return measures == null || measures.containsAll(chart);
        }

        public String titleOr(String name) {
            return Optional.ofNullable(title).filter(t -> !t.isBlank()).orElse(name);
        }
    }

    /** A record is told apart by its topic alone: the published windows do not name their job. */
    @AssertTrue(message = "two jobs read the same topic")
    public boolean isTopicsDistinct() {
        return jobs == null || jobs.values().stream().filter(j -> j != null).map(Job::topic).distinct().count()
                == jobs.values().stream().filter(j -> j != null).count();
    }

    /** The job whose windows arrive on {@code topic}. */
    public Optional<String> jobOf(String topic) {
        return jobs.entrySet().stream().filter(e -> e.getValue().topic().equals(topic)).map(Map.Entry::getKey)
                .findFirst();
    }
}
