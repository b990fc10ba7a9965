package io.streamgate.poller.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.streamgate.poller.cursor.CursorState;
import io.streamgate.poller.cursor.Overlap;
import org.junit.jupiter.api.Test;

class PageStepTest {

    private static final URI NEXT = URI.create("http://p/feed?page=2");

    private static PageStep.Item item(String id, String value) {
        return new PageStep.Item(id, id, value, "h-" + id);
    }

    @Test
    void aPageWithMoreToComeKeepsTheRunsPositionAndTheOldCursor() {
        PageStep.Result result = PageStep.apply(
                new CursorState("2024-01-01T00:00:00.000", null, null, null, null, null, null, null),
                List.of(item("a", "2024-01-02T00:00:00.000"), item("b", "2024-01-03T00:00:00.000")), NEXT, true,
                "\"e1\"", null, Overlap.NONE, false);
        assertThat(result.produce()).containsExactly(0, 1);
        assertThat(result.state().nextPage()).isEqualTo(NEXT.toString());
        assertThat(result.state().cursor()).isEqualTo("2024-01-01T00:00:00.000");
        assertThat(result.state().runMax()).isEqualTo("2024-01-03T00:00:00.000");
        assertThat(result.state().etag()).isEqualTo("\"e1\"");
    }

    @Test
    void theLastPageMovesTheCursorToTheLargestValueOfTheRun() {
        CursorState midRun = new CursorState("2024-01-01T00:00:00.000", NEXT.toString(), "2024-01-05T00:00:00.000",
                null, "\"e1\"", null, null, null);
        PageStep.Result result = PageStep.apply(midRun, List.of(item("c", "2024-01-04T00:00:00.000")), null, false,
                "\"other\"", null, Overlap.NONE, false);
        assertThat(result.state().inProgress()).isFalse();
        assertThat(result.state().cursor()).isEqualTo("2024-01-05T00:00:00.000");
        assertThat(result.state().etag()).as("validators come from a run's first page").isEqualTo("\"e1\"");
    }

    @Test
    void recordsAlreadyProducedInsideTheOverlapWindowAreNotProducedAgain() {
        Overlap overlap = new Overlap(Duration.ofHours(1), BigDecimal.ZERO);
        PageStep.Result first = PageStep.apply(CursorState.EMPTY,
                List.of(item("a", "2024-01-01T08:59:00.000"), item("b", "2024-01-01T10:00:00.000")), null, true,
                null, null, overlap, false);
        assertThat(first.state().recent()).containsOnlyKeys("b");
        PageStep.Result again = PageStep.apply(first.state(),
                List.of(item("b", "2024-01-01T10:00:00.000"), item("c", "2024-01-01T10:00:00.000")), null, true,
                null, null, overlap, false);
        assertThat(again.produce()).containsExactly(1);
    }

    @Test
    void aRowPushedBackOntoTheNextPageOfTheRunIsNotProducedTwiceWhateverItsValue() {
        Overlap overlap = new Overlap(Duration.ofMinutes(5), BigDecimal.ZERO);
        // the page reads an old row and a new one: the old one is below the floor of what the run has read
        PageStep.Result first = PageStep.apply(CursorState.EMPTY,
                List.of(item("old", "2024-01-01T04:00:00.000"), item("new", "2024-01-01T08:00:00.000")), NEXT, true,
                null, null, overlap, false);
        assertThat(first.state().recent()).as("kept while the run goes on").containsKeys("old", "new");
        // an empty page in between (a provider that answers one empty and says there is more) forgets nothing
        PageStep.Result empty = PageStep.apply(first.state(), List.of(), NEXT, false, null, null, overlap, false);
        assertThat(empty.state().recent()).containsKeys("old", "new");
        // a row inserted before the walk's offset: the next page starts with the last row of this one again
        PageStep.Result second = PageStep.apply(empty.state(),
                List.of(item("new", "2024-01-01T08:00:00.000"), item("next", "2024-01-01T08:00:00.000")), null,
                false, null, null, overlap, false);
        assertThat(second.produce()).containsExactly(1);
        assertThat(second.state().recent()).as("the run over: only the overlap window is kept")
                .containsOnlyKeys("new", "next");
    }

    @Test
    void aNewerValueEarlyInARunDoesNotMakeItForgetWhatTheRestOfItsWindowBringsAgain() {
        Overlap overlap = new Overlap(Duration.ofMinutes(5), BigDecimal.ZERO);
        CursorState saved = PageStep.apply(CursorState.EMPTY,
                List.of(item("a", "2024-01-01T16:00:00.000"), item("b", "2024-01-01T16:00:00.000")), null, true,
                null, null, overlap, false).state();
        // the next run asks from 15:55 and meets a row corrected at 20:00 before a and b come round again
        PageStep.Result first = PageStep.apply(saved, List.of(item("corrected", "2024-01-01T20:00:00.000"),
                item("new", "2024-01-01T17:00:00.000")), NEXT, true, null, null, overlap, false);
        assertThat(first.state().recent()).containsKeys("a", "b", "corrected", "new");
        PageStep.Result second = PageStep.apply(first.state(), List.of(item("newer", "2024-01-01T20:00:00.000")),
                NEXT, false, null, null, overlap, false);
        assertThat(second.state().recent()).as("the run's own reads above the saved cursor go as its maximum rises")
                .containsOnlyKeys("a", "b", "corrected", "newer");
        PageStep.Result last = PageStep.apply(second.state(),
                List.of(item("a", "2024-01-01T16:00:00.000"), item("b", "2024-01-01T16:00:00.000")), null, false,
                null, null, overlap, false);
        assertThat(last.produce()).isEmpty();
        assertThat(last.state().recent()).containsOnlyKeys("corrected", "newer");
    }

    @Test
    void aRecordUpdatedInsideTheOverlapWindowIsProducedAgain() {
        Overlap overlap = new Overlap(Duration.ofHours(1), BigDecimal.ZERO);
        PageStep.Result first = PageStep.apply(CursorState.EMPTY, List.of(item("a", "2024-01-01T10:00:00.000")),
                null, true, null, null, overlap, false);
        PageStep.Result again = PageStep.apply(first.state(), List.of(item("a", "2024-01-01T10:30:00.000")), null,
                true, null, null, overlap, false);
        assertThat(again.produce()).containsExactly(0);
    }

    @Test
    void diffModeProducesOnlyEntitiesWhoseRecordChanged() {
        PageStep.Result first = PageStep.apply(CursorState.EMPTY, List.of(item("a", null), item("b", null)), null,
                true, null, null, Overlap.NONE, true);
        assertThat(first.produce()).containsExactly(0, 1);
        List<PageStep.Item> next = List.of(item("a", null), new PageStep.Item("b2", "b", null, "changed"),
                item("c", null));
        PageStep.Result second = PageStep.apply(first.state(), next, null, true, null, null, Overlap.NONE, true);
        assertThat(second.produce()).containsExactly(1, 2);
        assertThat(second.state().entities()).containsEntry("b", "changed").containsKeys("a", "c");
    }

    @Test
    void aNumericCursorOverlapsByItsNumericOverlap() {
        Overlap overlap = new Overlap(Duration.ofMinutes(5), BigDecimal.ONE);
        PageStep.Result first = PageStep.apply(CursorState.EMPTY, List.of(item("a", "41"), item("b", "42")), null,
                true, null, null, overlap, false);
        assertThat(first.state().cursor()).isEqualTo("42");
        assertThat(first.state().recent()).containsOnlyKeys("a", "b");
        PageStep.Result late = PageStep.apply(first.state(), List.of(item("b", "42"), item("c", "42")), null, true,
                null, null, overlap, false);
        assertThat(late.produce()).as("the late row with an equal value, not the one already produced")
                .containsExactly(1);
    }
}
