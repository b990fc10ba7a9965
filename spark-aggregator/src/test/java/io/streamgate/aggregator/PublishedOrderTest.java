package io.streamgate.aggregator;

import io.streamgate.aggregator.job.JobSpec;
import io.streamgate.aggregator.metrics.MetricsRegistry;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MTA rows sent the way the MTA publishes its files, turnstile by turnstile, each over a week (across the fall-back
 * DST change), in many small chunks to running jobs, with retries and malformed rows mixed in: the first
 * turnstile's last reading is a week newer than the next turnstile's first. Both the summing job and the
 * register-difference job end with windows equal to a computation over all clean rows at once (plain Java here).
 */
class PublishedOrderTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final LocalDateTime START = LocalDateTime.of(2020, 10, 29, 0, 0);
    private static final int TURNSTILES = 6;
    private static final int READINGS = 7 * 6;                   // every 4 hours for a week
    private static final int CHUNK = 90;
    private static final SparkSession SPARK = SharedSpark.session();

    private record Reading(int turnstile, LocalDateTime time, long entries, long exits) {
        String csv() {
            return String.join(",", "A00" + turnstile / 4, "R05" + turnstile / 4, "02-00-0" + turnstile % 4,
                    "ST " + turnstile / 4, "NQR456W", "BMT", time.format(DateTimeFormatter.ofPattern("MM/dd/yyyy")),
                    time.format(DateTimeFormatter.ofPattern("HH:mm:ss")), "REGULAR", Long.toString(entries),
                    Long.toString(exits));
        }

        Instant instant() {
            return time.atZone(NEW_YORK).toInstant();
        }

        String group() {
            return String.join(" ", csv().split(",", -1)[0], csv().split(",", -1)[1], csv().split(",", -1)[2],
                    csv().split(",", -1)[3], "NQR456W", "BMT", csv().split(",", -1)[6], "REGULAR");
        }
    }

    @TempDir
    Path dir;

    @Test
    void windowsEqualABatchComputationWhenRowsArriveInPublishedFileOrder() throws Exception {
        Random random = new Random(2020);
        List<Reading> clean = new ArrayList<>();
        for (int t = 0; t < TURNSTILES; t++) {
            long entries = 1_000_000L * (t + 1);
            long exits = 500_000L * (t + 1);
            for (int j = 0; j < READINGS; j++) {
                entries = random.nextInt(40) == 0 ? random.nextInt(100) : entries + random.nextInt(900);
                exits += random.nextInt(25) == 0 ? 20_000 : random.nextInt(400);      // now and then an absurd jump
                clean.add(new Reading(t, START.plusHours(4L * j), entries, exits));
            }
        }
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < clean.size(); i++) {
            sent.add(clean.get(i).csv());
            if (random.nextInt(100) < 5) {
                sent.add(clean.get(random.nextInt(i + 1)).csv());                     // a retry of an earlier row
            }
            if (random.nextInt(100) < 2) {
                sent.add(clean.get(i).csv().replace(",REGULAR,", ",REGULAR,x"));      // malformed
            }
        }
        String topic = TestKafka.topic("published-order", 2);
        JobSpec sums = TestJobs.bundled("mta-turnstile", topic);
        JobSpec registers = TestJobs.bundled("mta-turnstile-registers", topic);
        JobPipeline sumsPipeline = JobPipeline.start(SPARK, sums, TestJobs.settings(dir), new MetricsRegistry());
        JobPipeline registersPipeline = JobPipeline.start(SPARK, registers, TestJobs.settings(dir), new MetricsRegistry());
        try (TestKafka kafka = new TestKafka()) {
            for (int from = 0; from < sent.size(); from += CHUNK) {
                kafka.sendCsv(topic, sent.subList(from, Math.min(sent.size(), from + CHUNK)));
                sumsPipeline.processAllAvailable();
                registersPipeline.processAllAvailable();
            }
        } finally {
            sumsPipeline.stop();
            registersPipeline.stop();
        }

        assertThat(LakeTables.table(SPARK, dir, sums.name(), "events").count()).isEqualTo(clean.size());
        assertThat(LakeTables.lines(LakeTables.table(SPARK, dir, sums.name(), "windows")))
                .isEqualTo(sumWindows(clean));
        assertThat(LakeTables.lines(LakeTables.table(SPARK, dir, registers.name(), "windows").select("window_start",
                "window_end", "C/A", "UNIT", "SCP", "STATION", "LINENAME", "DIVISION", "DATE", "DESC", "entries", "exits")))
                .isEqualTo(registerWindows(clean));
    }

    /** Hourly sums and counts per group. */
    private static List<String> sumWindows(List<Reading> readings) {
        Map<String, long[]> windows = new TreeMap<>();
        for (Reading r : readings) {
            long[] w = windows.computeIfAbsent(window(r.instant(), Duration.ofHours(1)) + " " + r.group(), k -> new long[3]);
            w[0] += r.entries();
            w[1] += r.exits();
            w[2]++;
        }
        return windows.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()[0] + " " + e.getValue()[1] + " "
                + e.getValue()[2]).sorted().toList();
    }

    /**
     * Sums over 4 New York hours per group of each reading's difference from the turnstile's previous reading:
     * dropped when negative, above 10,000 or over more than 24 hours (the job's rules), null when a window has none.
     */
    private static List<String> registerWindows(List<Reading> readings) {
        Map<String, Long[]> windows = new TreeMap<>();
        Reading previous = null;
        for (Reading r : readings) {                          // per turnstile, in time order already
            Long[] w = windows.computeIfAbsent(localWindow(r.time(), 4) + " " + r.group(), k -> new Long[2]);
            if (previous != null && previous.turnstile() == r.turnstile()
                    && Duration.between(previous.instant(), r.instant()).compareTo(Duration.ofHours(24)) <= 0) {
                w[0] = add(w[0], r.entries() - previous.entries());
                w[1] = add(w[1], r.exits() - previous.exits());
            }
            previous = r;
        }
        return windows.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()[0] + " " + e.getValue()[1])
                .sorted().toList();
    }

    private static Long add(Long sum, long delta) {
        if (delta < 0 || delta > 10_000) {
            return sum; // (a conditional expression here would unbox a null sum)
        }
        return (sum == null ? 0 : sum) + delta;
    }

    /** The UTC bounds of the {@code hours}-long window of New York's wall clock that {@code time} falls in. */
    private static String localWindow(LocalDateTime time, int hours) {
        LocalDateTime start = time.truncatedTo(java.time.temporal.ChronoUnit.DAYS)
                .plusHours(time.getHour() / hours * hours);
        return start.atZone(NEW_YORK).toInstant() + " " + start.plusHours(hours).atZone(NEW_YORK).toInstant();
    }

    private static String window(Instant time, Duration length) {
        long start = time.toEpochMilli() / length.toMillis() * length.toMillis();
        return Instant.ofEpochMilli(start) + " " + Instant.ofEpochMilli(start + length.toMillis());
    }
}
