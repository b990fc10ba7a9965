package io.streamgate.poller.cursor;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.common.utils.Utils;

/**
 * The large part of a cursor, split so that no record outgrows the topic's {@code max.message.bytes}: the
 * {@code recent} ids and diff-mode {@code entities} of a source are spread by the hash of their key over
 * {@link #BUCKETS} buckets, each its own record ({@code <key>#recent-<n>}, {@code <key>#entities-<n>}), and a page
 * rewrites only the buckets it changed. Around 40 bytes an entry, 64 buckets of 1 MB hold over a million.
 */
public final class StateParts {

    public static final int BUCKETS = 64;
    static final String RECENT = "recent";
    static final String ENTITIES = "entities";

    private StateParts() {
    }

    /** The buckets (by part key) whose content differs between {@code before} and {@code after}. */
    public static Map<String, Map<String, String>> changed(String key, CursorState before, CursorState after) {
        Map<String, Map<String, String>> changed = new LinkedHashMap<>();
        changed(key, RECENT, before.recent(), after.recent(), changed);
        changed(key, ENTITIES, before.entities(), after.entities(), changed);
        return changed;
    }

    private static void changed(String key, String kind, Map<String, String> before, Map<String, String> after,
            Map<String, Map<String, String>> out) {
        if (before.equals(after)) {
            return;
        }
        Map<Integer, Map<String, String>> old = split(before);
        Map<Integer, Map<String, String>> now = split(after);
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            Map<String, String> content = now.getOrDefault(bucket, Map.of());
            if (!Objects.equals(old.getOrDefault(bucket, Map.of()), content)) {
                out.put(key + "#" + kind + "-" + bucket, content);
            }
        }
    }

    static Map<Integer, Map<String, String>> split(Map<String, String> entries) {
        Map<Integer, Map<String, String>> buckets = new HashMap<>();
        entries.forEach((id, value) -> buckets.computeIfAbsent(bucket(id), b -> new HashMap<>()).put(id, value));
        return buckets;
    }

    private static int bucket(String id) {
        return Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % BUCKETS;
    }

    /** The cursor key a part key belongs to, or null when {@code partKey} is no part key. */
    static String owner(String partKey) {
        int hash = partKey.lastIndexOf('#');
        return hash < 0 ? null : partKey.substring(0, hash);
    }

    /** {@code main} with the content of its part records (by part key) added. */
    static CursorState assemble(CursorState main, Map<String, Map<String, String>> parts) {
        Map<String, String> recent = new HashMap<>(main.recent());
        Map<String, String> entities = new HashMap<>(main.entities());
        parts.forEach((partKey, content) -> {
            String kind = partKey.substring(partKey.lastIndexOf('#') + 1, partKey.lastIndexOf('-'));
            (RECENT.equals(kind) ? recent : entities).putAll(content);
        });
        return new CursorState(main.cursor(), main.nextPage(), main.runMax(), recent, main.etag(),
                main.lastModified(), entities, main.spec());
    }

    /** {@code state} without its parts: what the main record stores. */
    static CursorState main(CursorState state) {
        return new CursorState(state.cursor(), state.nextPage(), state.runMax(), Map.of(), state.etag(),
                state.lastModified(), Map.of(), state.spec());
    }
}
