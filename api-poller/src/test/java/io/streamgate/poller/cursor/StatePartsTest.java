package io.streamgate.poller.cursor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StatePartsTest {

    private static CursorState entities(Map<String, String> entities) {
        return new CursorState("c", null, null, Map.of(), null, null, entities, null);
    }

    @Test
    void onlyTheBucketsAPageChangedAreWrittenAgain() {
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            many.put("entity-" + i, "hash-" + i);
        }
        Map<String, Map<String, String>> first = StateParts.changed("s", CursorState.EMPTY, entities(many));
        assertThat(first).hasSize(StateParts.BUCKETS);
        Map<String, String> next = new HashMap<>(many);
        next.put("entity-7", "changed");
        Map<String, Map<String, String>> second = StateParts.changed("s", entities(many), entities(next));
        assertThat(second).hasSize(1);
        assertThat(second.values().iterator().next()).containsEntry("entity-7", "changed");
    }

    @Test
    void theMainRecordAndItsPartsAssembleTheWholeState() {
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < 500; i++) {
            many.put("entity-" + i, "hash-" + i);
        }
        CursorState state = new CursorState("c", null, null, Map.of("r", "1"), "\"e\"", null, many, null);
        Map<String, Map<String, String>> parts = StateParts.changed("s", CursorState.EMPTY, state);
        assertThat(parts.keySet()).allSatisfy(key -> assertThat(StateParts.owner(key)).isEqualTo("s"));
        assertThat(StateParts.assemble(StateParts.main(state), parts)).isEqualTo(state);
    }

    @Test
    void aBucketThatEmptiesIsWrittenEmpty() {
        CursorState one = entities(Map.of("only", "h"));
        Map<String, Map<String, String>> parts = StateParts.changed("s", one, entities(Map.of()));
        assertThat(parts).hasSize(1);
        assertThat(parts.values().iterator().next()).isEmpty();
    }
}
