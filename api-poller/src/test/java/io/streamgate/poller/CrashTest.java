package io.streamgate.poller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.streamgate.poller.simulator.Hostile;
import io.streamgate.poller.simulator.ProviderSimulator;
import io.streamgate.testsupport.kafka.KafkaBrokerExtension;
import io.streamgate.testsupport.process.ChildJvm;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Two poller replicas (separate JVMs, as deploy/ runs them) on the same sources against the hostile provider, one
 * of them SIGKILLed ({@code destroyForcibly}) at a random point {@value #KILLS} times over and restarted, while the
 * provider keeps publishing, committing late rows and correcting rows while runs walk; then the topic, read
 * {@code read_committed}, holds every provider row as it stands and no version of one twice. Kill points are random in wall time (start-up, joining the lease group, mid-run)
 * and in progress (just after a page committed). Two more sources are throttled throughout (429 with
 * {@code Retry-After: 5}) and the replicas may run one request at a time: a steady source must keep its schedule
 * all the same. The seed is logged; {@code -Dcrash.seed=N} replays a run's choices.
 */
class CrashTest {

    private static final int KILLS = 20;
    private static final String TOPIC = "crash.turnstile";
    private static final String CURSORS = "crash.cursors";
    private static final String BOOTSTRAP = KafkaBrokerExtension.shared().bootstrapServers();
    private static final long SEED = Long.getLong("crash.seed", System.nanoTime());
    @AutoClose
    private static final ProviderSimulator SIMULATOR = ProviderSimulator.start(
            ProviderSimulator.Options.forTests(37, 12).withHostile(Hostile.all(SEED).withErrorShare(0.05)));
    private static final Path LOGS = Path.of("target", "crash-test");

    private static ChildJvm launch(String replica, int run) {
        List<String> command = new ArrayList<>(List.of(
                "--spring.kafka.bootstrap-servers=" + BOOTSTRAP,
                "--spring.main.web-application-type=none", // headless: the crash test needs no endpoint, and starts faster
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN",
                "--logging.level.io.streamgate.poller.PollerApplication=INFO", // its start-up time, in the log
                "--logging.level.io.streamgate.poller.lease=INFO", // the leases it gains
                "--logging.level.io.streamgate.poller.schedule=INFO", // failed runs, and how long each backs off
                "--spring.main.lazy-initialization=true", // starts sooner; the source scheduler is a lifecycle bean
                "--streamgate.poller.transactional-id-prefix=crash-test",
                "--streamgate.poller.cursor-topic=" + CURSORS,
                "--streamgate.poller.failover-after=6s",
                "--streamgate.poller.max-concurrent-runs=1"));
        // the recorded source and the steady one on one host name, the throttled ones on another: the host's
        // circuit breaker opened by the throttled ones must not be what stops the others
        command.addAll(source("crash", "localhost", "/turnstile/cursor.json", TOPIC));
        command.addAll(source("steady", "localhost", "/turnstile/cursor.json", "crash.steady"));
        command.addAll(source("throttled-1", "127.0.0.1", "/key/turnstile/cursor.json", "crash.throttled"));
        command.addAll(source("throttled-2", "127.0.0.1", "/key/turnstile/cursor.json", "crash.throttled"));
        return PollerProcess.launch(LOGS.resolve("poller-" + replica + "-" + run + ".log"), command);
    }

    private static List<String> source(String id, String host, String path, String topic) {
        String source = "--streamgate.poller.sources." + id + ".";
        return List.of(
                source + "url=" + SIMULATOR.uri(path).toString().replace("127.0.0.1", host),
                source + "topic=" + topic,
                source + "type=mta.turnstile.reading",
                source + "id=:id,:updated_at", // each version of a corrected row is a record of its own
                // keyset pages (after the last id), as the README advises for a feed that commits rows while it
                // is walked: offset pages over it shift a row past a page boundary when a late row lands mid-run
                source + "pagination.kind=cursor",
                source + "pagination.has-more-pointer=/has_more",
                source + "params.limit=20",
                source + "format.records=/records",
                source + "incremental.field=:updated_at",
                source + "incremental.where=:updated_at > '{cursor}'",
                // a late row appears when the next audit is published, with its own audit's :updated_at. A run
                // that walked past its place keeps reading whatever is published meanwhile, and one kill step
                // publishes up to four audits at once (advance(2), then the progress target's), a run may span two
                // steps: the next run must reach back more than eight audits (32 h) behind the newest it read.
                // 5m lost rows whenever the next audit landed during a run (seed 5158944108850), 5h whenever two
                // did (seed 7901249304070)
                source + "incremental.overlap=2d",
                source + "schedule.interval=500ms",
                source + "schedule.min-interval=100ms",
                // failed runs back off up to this (default 1h): after a streak of kills, fenced runs and hostile
                // answers, a source must still catch up within the final deadline
                source + "schedule.max-interval=10s");
    }

    /** How many of the provider's rows have some version in the topic. */
    private static int committed() {
        return (int) TopicReader.idCounts(BOOTSTRAP, TOPIC).keySet().stream()
                .map(version -> version.substring(0, version.indexOf('|'))).distinct().count();
    }

    /** The cursor records {@code source} has committed, oldest first: one or more each run. */
    private static List<String> cursors(String source) {
        return TopicReader.records(BOOTSTRAP, CURSORS).stream().filter(r -> source.equals(r.key()))
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList();
    }

    private static String lastCursor(String source) {
        List<String> cursors = cursors(source);
        return cursors.isEmpty() ? "none" : cursors.get(cursors.size() - 1);
    }

    private static long cursorCommits(String source) {
        return cursors(source).size();
    }

    /** The provider corrects one of its recent rows: a new version (a row of the newest audit cannot have one). */
    private static void correctOneRow(SplittableRandom random) {
        int versions = SIMULATOR.feed().allVersions().size();
        for (int tries = 0; tries < 1_000 && SIMULATOR.feed().allVersions().size() == versions; tries++) {
            SIMULATOR.feed().correctOne(random);
        }
        assertThat(SIMULATOR.feed().allVersions()).as("a correction").hasSizeGreaterThan(versions);
    }

    /** Which rows as they stand the topic lacks, with what is needed to replay and diagnose the run. */
    private static AssertionError neverCommitted(ConditionTimeoutException timeout) {
        List<String> expected = SIMULATOR.feed().currentVersions();
        List<String> missing = new ArrayList<>(expected);
        missing.removeAll(TopicReader.idCounts(BOOTSTRAP, TOPIC).keySet());
        return new AssertionError("seed " + SEED + ": " + missing.size() + " of " + expected.size()
                + " rows as they stand never committed, e.g. " + missing.subList(0, Math.min(20, missing.size()))
                + "; the source's last cursor: " + lastCursor("crash") + "; logs: " + LOGS, timeout);
    }

    @Test
    void killingReplicasAtRandomPointsNeitherLosesNorDuplicatesARecordNorStarvesASource() throws Exception {
        System.out.println("CrashTest seed " + SEED + " (replay: -Dcrash.seed=" + SEED + ")");
        SplittableRandom random = new SplittableRandom(SEED);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(); // counted from the start
        }
        SIMULATOR.fail("/key/", 429, 5, 5_000); // the throttled sources' provider, throughout
        String[] names = {"a", "b"};
        ChildJvm[] replicas = {launch("a", 0), launch("b", 0)};
        int progressKills = 0;
        try {
            for (int kill = 0; kill < KILLS; kill++) {
                if (kill % 3 == 2) {
                    SIMULATOR.feed().advance(2); // the provider publishes while the replicas keep crashing
                }
                if (kill % 4 == 3) {
                    SIMULATOR.feed().commitLate(); // rows with cursor values already read
                }
                if (kill % 4 == 1) {
                    // besides the corrections it makes before a share of requests: those depend on how many requests
                    // the replicas got to make between kills, and a run with few made none
                    correctOneRow(random);
                }
                int victim = random.nextInt(2);
                ChildJvm poller = replicas[victim];
                long started = System.nanoTime();
                if (random.nextBoolean()) {
                    poller.waitFor(Duration.ofMillis(random.nextLong(300, 3_000)));
                } else {
                    int target = committed() + random.nextInt(1, 30);
                    while (SIMULATOR.feed().size() < target) {
                        // the replicas may have read all there is: a target past the feed's end would never come
                        SIMULATOR.feed().advance(1);
                    }
                    try {
                        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(random.nextLong(5, 60)))
                                .until(() -> committed() >= target || !poller.isAlive());
                    } catch (ConditionTimeoutException e) {
                        throw neverCommitted(e); // a lost row stalls progress: say which
                    }
                    progressKills++;
                }
                assertThat(poller.isAlive()).as("replica %s died on its own; see %s", names[victim], LOGS).isTrue();
                poller.kill();
                System.out.printf("kill %d: replica %s after %d ms, %d of %d records committed%n", kill,
                        names[victim], (System.nanoTime() - started) / 1_000_000, committed(), SIMULATOR.feed().size());
                replicas[victim] = launch(names[victim], kill + 1);
            }
            assertThat(progressKills).isPositive();

            SIMULATOR.feed().commitLate();
            SIMULATOR.stopCorrecting();
            List<String> expected = SIMULATOR.feed().currentVersions();
            try {
                await().atMost(Duration.ofMinutes(4))
                        .until(() -> TopicReader.idCounts(BOOTSTRAP, TOPIC).keySet().containsAll(expected));
            } catch (ConditionTimeoutException e) {
                throw neverCommitted(e);
            }
            Map<String, Long> counts = TopicReader.idCounts(BOOTSTRAP, TOPIC);
            assertThat(counts.keySet()).as("versions never published").isSubsetOf(SIMULATOR.feed().allVersions());
            assertThat(SIMULATOR.feed().allVersions()).as("the provider corrected rows while runs walked")
                    .hasSizeGreaterThan(expected.size());
            assertThat(counts).as("each version exactly once").allSatisfy((version, n) -> assertThat(n).isOne());

            long runs = cursorCommits("steady");
            await().atMost(Duration.ofMinutes(2)).until(() -> cursorCommits("steady") >= runs + 5);
            // (in their backoff by now, after many failed runs: the throttled sources were answered 429 all along)
            assertThat(SIMULATOR.log()).as("the other two were throttled")
                    .anyMatch(served -> served.path().startsWith("/key/") && served.status() == 429);
        } finally {
            for (ChildJvm replica : replicas) {
                replica.kill();
            }
        }
    }
}
