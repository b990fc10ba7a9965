package io.streamgate.dashboard.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

class WindowStoreTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    private static WindowUpdate window(String job, String key, int startHour, long value) {
        Instant start = T0.plus(Duration.ofHours(startHour));
        return new WindowUpdate(job, key, 0, start, start.plus(Duration.ofHours(1)), Map.of(),
                Map.of("n", value));
    }

    @Test
    void keepsTheLatestValuePerWindowWithRisingSequenceNumbers() {
        WindowStore store = new WindowStore(Duration.ofDays(1), 100);
        long first = store.put(window("j", "a", 0, 1)).orElseThrow().seq();
        long second = store.put(window("j", "a", 0, 2)).orElseThrow().seq();
        store.put(window("other", "a", 0, 9));

        assertThat(second).isGreaterThan(first);
        assertThat(store.snapshot()).extracting(WindowUpdate::job, w -> w.measures().get("n"))
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("j", 2L),
                        org.assertj.core.groups.Tuple.tuple("other", 9L));
    }

    @Test
    void aRetractedWindowIsForgottenAndTheRetractionFollowsItsLastUpdate() {
        WindowStore store = new WindowStore(Duration.ofDays(1), 100);
        long updated = store.put(window("j", "a", 0, 1)).orElseThrow().seq();
        store.put(window("k", "a", 0, 1));

        WindowRetraction retraction = store.remove("j", "a").orElseThrow();

        assertThat(retraction.seq()).isGreaterThan(updated);
        assertThat(store.snapshot()).extracting(w -> w.job() + "/" + w.key()).containsExactly("k/a");
        assertThat(store.remove("j", "a")).as("nothing left to retract").isEmpty();
        assertThat(store.put(window("j", "a", 0, 2))).as("a window published again is kept again").isPresent();
    }

    @Test
    void forgetsWindowsBeyondTheRetentionOfTheirOwnJob() {
        WindowStore store = new WindowStore(Duration.ofHours(3), 100);
        store.put(window("j", "old", 0, 1));
        store.put(window("k", "old", 0, 1));
        store.put(window("j", "new", 5, 1));

        // j's newest window ends at 06:00: j/old (ends 01:00) is beyond 3 hours; k keeps its own horizon
        assertThat(store.snapshot()).extracting(w -> w.job() + "/" + w.key()).containsExactly("k/old", "j/new");
    }

    @Test
    void refusesAWindowAlreadyBeyondTheRetention() {
        WindowStore store = new WindowStore(Duration.ofHours(3), 100);
        store.put(window("j", "new", 10, 1));
        assertThat(store.put(window("j", "late", 0, 1))).isEmpty();
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void beyondItsSizeDropsTheOldestWindows() {
        WindowStore store = new WindowStore(Duration.ofDays(30), 3);
        for (int hour = 0; hour < 5; hour++) {
            store.put(window("j", "w" + hour, hour, hour));
        }
        assertThat(store.snapshot()).extracting(WindowUpdate::key).containsExactly("w2", "w3", "w4");
    }
}
