package io.streamgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import io.streamgate.testsupport.kafka.KafkaBrokerExtension;
import io.streamgate.testsupport.kafka.ProcessKafkaBroker;
import org.junit.jupiter.api.Test;

/**
 * The whole pipeline as separate processes: a KRaft broker, the gateway, the provider simulator and the poller, and
 * the aggregator in {@code local[2]}. MTA turnstile readings go in through all three channels at once, with
 * redeliveries, copies across channels and late readings; the Delta {@code windows} table must equal the windows
 * computed here from what was sent and served, each reading counted exactly once. Then the live dashboard, open in
 * headless Chromium, shows a reading POSTed to the gateway as it arrives.
 */
class PipelineEndToEndIT {

    private static final int TURNSTILES = 60;
    /** The lake, checkpoints and the apps' logs; emptied before a run and kept after it, for a post-mortem. */
    private static final Path WORK = Path.of("target", "e2e-work").toAbsolutePath();

    @Test
    void readingsFromWebhooksEventBatchesAndPolledPagesAtOnceAreAggregatedExactlyOnce() throws Exception {
        deleteRecursively(WORK);
        try (ProcessKafkaBroker broker = KafkaBrokerExtension.isolated("num.partitions=2");
                Pipeline pipeline = Pipeline.start(broker.bootstrapServers(), WORK, WORK.resolve("logs"), TURNSTILES, 1);
                WindowsTable windows = new WindowsTable(pipeline.windows())) {
            Channels channels = new Channels(pipeline.gateway(), pipeline.simulator());
            List<TurnstileReading> served = channels.servedFeed();
            List<TurnstileReading> fresh = new ArrayList<>(FreshReadings.after(served, 240, 20261122L));
            List<TurnstileReading> late = fresh.stream().sorted(Comparator.comparing(TurnstileReading::localTime))
                    .limit(30).toList();
            fresh.removeAll(late);
            Collections.shuffle(fresh, new Random(7)); // out of event-time order
            List<TurnstileReading> viaEvents = fresh.subList(0, 105);
            List<TurnstileReading> viaWebhooks = fresh.subList(105, fresh.size());

            ExecutorService senders = Executors.newFixedThreadPool(2);
            try {
                Future<?> events = senders.submit(() -> {
                    for (int i = 0; i < viaEvents.size(); i += 15) {
                        channels.postEvents(viaEvents.subList(i, Math.min(i + 15, viaEvents.size())), i % 30 == 0);
                    }
                    channels.postEvents(viaEvents.subList(0, 15), true); // a producer's retry of a whole batch
                    channels.postEvents(served.subList(0, 20), false);   // rows the poller delivers too
                });
                Future<?> webhooks = senders.submit(() -> {
                    viaWebhooks.forEach(r -> channels.postWebhook(r, false));
                    viaWebhooks.subList(0, 10).forEach(r -> channels.postWebhook(r, false)); // byte-identical redeliveries
                    viaWebhooks.subList(10, 30).forEach(r -> channels.postWebhook(r, true)); // re-serialised: new ids
                    viaEvents.subList(20, 40).forEach(r -> channels.postWebhook(r, false));  // sent on both channels
                });
                events.get();
                webhooks.get();
            } finally {
                senders.shutdownNow();
            }
            await("first windows").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                pipeline.assertAlive();
                return !windows.read().isEmpty();
            });
            // the earliest readings arrive after later ones were aggregated: late, but inside the watermark
            channels.postEvents(late.subList(0, 15), false);
            late.subList(15, late.size()).forEach(r -> channels.postWebhook(r, false));

            assertThat(channels.servedFeed()).as("the simulator served a fixed feed").isEqualTo(served);
            List<Window> expected = Window.expectedFrom(
                    Stream.concat(served.stream(), channels.pushed().stream()).toList());
            await("windows equal to the inputs' aggregates").atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
                        pipeline.assertAlive();
                        assertThat(windows.read()).containsExactlyInAnyOrderElementsOf(expected);
                    });

            // a user with the live dashboard open sees a reading POSTed to the gateway arrive, without a reload
            try (DashboardPage page = DashboardPage.open(pipeline.dashboard(),
                    Files.createDirectories(WORK.resolve("chromium")))) {
                await("the page shows the run's windows and every service up").atMost(Duration.ofMinutes(1))
                        .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                            assertThat(page.rows(Pipeline.JOB)).isPositive();
                            for (String service : List.of("gateway", "poller", "aggregator")) {
                                assertThat(page.serviceState(service)).as(service).containsExactly("UP");
                            }
                        });
                TurnstileReading newest = Collections.max(fresh, Comparator.comparing(TurnstileReading::localTime));
                TurnstileReading probe = new TurnstileReading("P001", "R999", "00-00-00", "PROBE ST", "7", "IRT",
                        newest.date(), newest.time(), "REGULAR", 7, 3);
                channels.postEvents(List.of(probe), true);
                await("the probe's window on the page").atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                            pipeline.assertAlive();
                            assertThat(page.measures(Pipeline.JOB, probe.station()))
                                    .containsExactlyInAnyOrder("entries 7", "exits 3", "readings 1");
                        });
                assertThat(page.reloaded()).as("the page was reloaded").isFalse();
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
