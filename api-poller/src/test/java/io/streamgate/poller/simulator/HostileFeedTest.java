package io.streamgate.poller.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The hostile provider's corrections, and the {@code $where} and {@code $order} a keyset walk relies on. */
class HostileFeedTest {

    private static TurnstileFeed feed() {
        return new TurnstileFeed(10, 4, TurnstileFeed.DEFAULT_START);
    }

    @Test
    void aCorrectionIsANewVersionOfARecentRowWithTheNewestUpdatedAtInItsPlaceById() {
        TurnstileFeed feed = feed();
        List<String> before = feed.currentVersions();
        String newest = feed.rows().get(feed.size() - 1).updatedAt();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20; i++) {
            feed.correctOne(random);
        }
        List<Reading> rows = feed.rows();
        assertThat(rows).extracting(Reading::id).as("same rows, same order").containsExactlyElementsOf(feed.allIds())
                .isSorted().hasSize(before.size());
        List<Reading> corrected = rows.stream().filter(r -> !before.contains(r.version())).toList();
        assertThat(corrected).isNotEmpty().allSatisfy(r -> assertThat(r.updatedAt()).isEqualTo(newest));
        assertThat(feed.allVersions()).containsAll(before).containsAll(feed.currentVersions());
    }

    @Test
    void orderByUpdatedAtPutsCorrectedRowsLastAndAKeysetFilterResumesAfterARow() {
        TurnstileFeed feed = feed();
        List<String> before = feed.currentVersions();
        feed.correctOne(new SplittableRandom(3));
        List<Reading> ordered = RowFilter.apply(feed.rows(), Map.of("$order", ":updated_at,:id"));
        assertThat(ordered).extracting(Reading::updatedAt).isSorted();
        Reading corrected = feed.rows().stream().filter(r -> !before.contains(r.version())).findFirst().orElseThrow();
        assertThat(ordered.subList(ordered.indexOf(corrected), ordered.size()))
                .as("after every row of an older version: among the newest audit's rows")
                .allSatisfy(r -> assertThat(r.updatedAt()).isEqualTo(corrected.updatedAt()));
        assertThat(feed.rows().indexOf(corrected)).as("by id, still in its place")
                .isLessThan(ordered.indexOf(corrected));

        Reading pivot = ordered.get(ordered.size() / 2);
        String keyset = ":updated_at > '" + pivot.updatedAt() + "' OR (:updated_at = '" + pivot.updatedAt()
                + "' AND :id > '" + pivot.id() + "')";
        List<Reading> after = RowFilter.apply(feed.rows(), Map.of("$where", keyset, "$order", ":updated_at,:id"));
        assertThat(after).containsExactlyElementsOf(ordered.subList(ordered.size() / 2 + 1, ordered.size()));
    }

    @Test
    void aWhereOutsideTheSupportedSubsetIsRefusedNotIgnored() {
        assertThatThrownBy(() -> RowFilter.apply(feed().rows(), Map.of("$where", ":updated_at > '2024' OR")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RowFilter.apply(feed().rows(), Map.of("$where", "station = 'X'")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
