package io.streamgate.poller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import io.streamgate.poller.simulator.ProviderSimulator;
import io.streamgate.testsupport.kafka.KafkaBrokerExtension;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Kills the poller's process ({@code destroyForcibly}, i.e. SIGKILL) at random points many times over, restarting it
 * each time, while the provider keeps publishing; then shows that the topic, read {@code read_committed}, holds
 * every provider record exactly once. Kill points are random both in wall time (start-up, first fetch, between
 * pages) and in progress (just after a page committed, while the next is in flight).
 */
class CrashTest {

    private static final int KILLS = 10;
    private static final String TOPIC = "crash.turnstile";
    private static final String BOOTSTRAP = KafkaBrokerExtension.shared().bootstrapServers();
    @AutoClose
    private static final ProviderSimulator SIMULATOR = ProviderSimulator.start(
            ProviderSimulator.Options.forTests(37, 24).withLatency(Duration.ofMillis(40)));
    private static final Path LOGS = Path.of("target", "crash-test");

    private static Process launch(int run) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String source = "--streamgate.poller.sources.crash.";
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                PollerApplication.class.getName(),
                "--spring.kafka.bootstrap-servers=" + BOOTSTRAP,
                "--spring.main.web-application-type=none", // headless: the crash test needs no endpoint, and starts faster
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN",
                "--logging.level.io.streamgate.poller.PollerApplication=INFO", // its start-up time, in the log
                "--spring.main.lazy-initialization=true", // starts sooner; the source scheduler is a lifecycle bean
                "--streamgate.poller.transactional-id-prefix=crash-test",
                source + "url=" + SIMULATOR.uri("/turnstile/rows.json"),
                source + "topic=" + TOPIC,
                source + "type=mta.turnstile.reading",
                source + "id=:id",
                source + "params[$order]=:updated_at,:id",
                source + "pagination.kind=offset",
                source + "pagination.limit=20",
                source + "incremental.field=:updated_at",
                source + "incremental.where=:updated_at > '{cursor}'",
                source + "schedule.interval=500ms",
                source + "schedule.min-interval=100ms"));
        Files.createDirectories(LOGS);
        File log = LOGS.resolve("poller-" + run + ".log").toFile();
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    }

    private static int committed() {
        return TopicReader.records(BOOTSTRAP, TOPIC).size();
    }

    @Test
    void killingThePollerAtRandomPointsNeitherLosesNorDuplicatesARecord() throws Exception {
        SplittableRandom random = new SplittableRandom();
        int progressKills = 0;
        for (int run = 0; run < KILLS; run++) {
            if (run % 3 == 2) {
                SIMULATOR.feed().advance(2); // the provider publishes while the poller keeps crashing
            }
            long launched = System.nanoTime();
            Process poller = launch(run);
            try {
                if (run % 2 == 0) {
                    // a random instant in its life: during start-up, opening the producer, or mid-run
                    poller.waitFor(random.nextLong(300, 5_000), TimeUnit.MILLISECONDS);
                } else {
                    int target = committed() + random.nextInt(1, 50);
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(random.nextLong(5, 60)))
                            .until(() -> committed() >= target || !poller.isAlive());
                    progressKills++;
                }
                assertThat(poller.isAlive()).as("poller run %d died on its own; see %s", run, LOGS).isTrue();
                System.out.printf("run %d killed after %d ms with %d records committed%n", run,
                        (System.nanoTime() - launched) / 1_000_000, committed());
            } finally {
                poller.destroyForcibly().waitFor();
            }
        }
        assertThat(progressKills).isPositive();

        Process last = launch(KILLS);
        try {
            List<String> expected = SIMULATOR.feed().allIds();
            await().atMost(Duration.ofSeconds(90)).until(() -> committed() >= expected.size());
            Map<String, Long> counts = TopicReader.idCounts(BOOTSTRAP, TOPIC);
            assertThat(counts.keySet()).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(counts.values()).as("each record exactly once").containsOnly(1L);
        } finally {
            last.destroyForcibly().waitFor();
        }
    }
}
