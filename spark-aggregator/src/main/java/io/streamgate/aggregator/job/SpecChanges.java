package io.streamgate.aggregator.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What changed between the spec a job's tables were built from (its canonical JSON, {@link JobSpecs#canonicalJson})
 * and the spec a start asks for, each change with what it takes to carry on:
 * <ul>
 *   <li>{@link Handling#CARRY_ON}: how often, where to and how late: the trigger, the sinks, the watermark (which
 *       closes windows for the export), the horizon (which decides lateness from now on);</li>
 *   <li>{@link Handling#EXTEND}: something added that old rows simply lack: a measure (a new column of
 *       {@code windows}, filled by a rebuild or empty for windows written before), an input field appended (a new
 *       column of {@code events}, null in rows read before);</li>
 *   <li>{@link Handling#REBUILD}: what a window is or holds: window length or slide, group-by, a measure's function
 *       or field or its removal, counter rules, lookups. {@code windows} is recomputed from {@code events};</li>
 *   <li>{@link Handling#REREAD}: how a record is read, timed or told apart: input format, topics, fields, types,
 *       event time (fields, formats, zone), dedup key. {@code events} itself was parsed and deduplicated under the
 *       old rules, so nothing in the lake can be recomputed from it: the topics must be read again.</li>
 * </ul>
 * A key the code does not know is taken as {@link Handling#REBUILD}, never as harmless.
 */
public final class SpecChanges {

    /** What a change takes, in increasing order of cost. */
    public enum Handling { CARRY_ON, EXTEND, REBUILD, REREAD }

    /** One change: {@code what} says it for an operator ("window {...} -> {...}"). */
    public record Change(String what, Handling handling) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> CARRY_ON = Set.of("trigger", "sinks", "watermark", "horizon");
    private static final Set<String> REREAD = Set.of("event-time", "eventTime", "dedup-key", "dedupKey");

    private SpecChanges() {
    }

    /** The changes from {@code built} (canonical JSON) to {@code asked}; empty when they build the same tables. */
    public static List<Change> between(String built, JobSpec asked) {
        JsonNode before = tree(built);
        JsonNode after = tree(JobSpecs.canonicalJson(asked));
        List<Change> changes = new ArrayList<>();
        for (String key : keys(before, after)) {
            JsonNode old = before.path(key);
            JsonNode now = after.path(key);
            if (old.equals(now)) {
                continue;
            }
            switch (key) {
                case "input" -> changes.addAll(input(old, now));
                case "measures" -> changes.addAll(measures(old, now));
                default -> changes.add(new Change(key + " " + text(old) + " -> " + text(now), handling(key)));
            }
        }
        return changes;
    }

    /** The costliest handling among {@code changes} ({@link Handling#CARRY_ON} for none). */
    public static Handling needs(List<Change> changes) {
        return changes.stream().map(Change::handling).max(Enum::compareTo).orElse(Handling.CARRY_ON);
    }

    /** The changes of one handling, said in one line. */
    public static String describe(List<Change> changes, Handling handling) {
        return changes.stream().filter(c -> c.handling() == handling).map(Change::what)
                .collect(Collectors.joining(", "));
    }

    private static Handling handling(String key) {
        if (CARRY_ON.contains(key)) {
            return Handling.CARRY_ON;
        }
        return REREAD.contains(key) ? Handling.REREAD : Handling.REBUILD;
    }

    /**
     * Fields appended (CSV columns at the end, JSON fields not there before, with the types of those new fields)
     * extend; any other change rereads.
     */
    private static List<Change> input(JsonNode old, JsonNode now) {
        List<Change> changes = new ArrayList<>();
        Set<String> addedFields = new LinkedHashSet<>();
        for (String key : keys(old, now)) {
            JsonNode before = old.path(key);
            JsonNode after = now.path(key);
            if (before.equals(after)) {
                continue;
            }
            List<String> added = switch (key) {
                case "columns" -> appended(before, after);
                case "fields" -> entriesAdded(before, after);
                default -> null;
            };
            if (added == null && !key.equals("types")) {
                changes.add(new Change("input." + key + " " + text(before) + " -> " + text(after), Handling.REREAD));
            } else if (added != null) {
                addedFields.addAll(added);
                changes.add(new Change("input field(s) " + String.join(", ", added) + " added", Handling.EXTEND));
            }
        }
        JsonNode types = now.path("types");
        List<String> typed = entriesAdded(old.path("types"), types);
        if (typed == null || !addedFields.containsAll(typed)) {
            changes.add(new Change("input.types " + text(old.path("types")) + " -> " + text(types), Handling.REREAD));
        }
        return changes;
    }

    /** The elements {@code after} appends to {@code before}; null when it does more than append. */
    private static List<String> appended(JsonNode before, JsonNode after) {
        List<String> old = strings(before);
        List<String> now = strings(after);
        return now.size() > old.size() && now.subList(0, old.size()).equals(old)
                ? now.subList(old.size(), now.size()) : null;
    }

    /** The keys {@code after} adds to {@code before}; null when it changes or removes one. */
    private static List<String> entriesAdded(JsonNode before, JsonNode after) {
        Iterator<Map.Entry<String, JsonNode>> old = before.fields();
        while (old.hasNext()) {
            Map.Entry<String, JsonNode> entry = old.next();
            if (!entry.getValue().equals(after.path(entry.getKey()))) {
                return null;
            }
        }
        List<String> added = new ArrayList<>();
        after.fieldNames().forEachRemaining(name -> {
            if (!before.has(name)) {
                added.add(name);
            }
        });
        return added;
    }

    /** By measure name: one added extends; one removed or redefined rebuilds. */
    private static List<Change> measures(JsonNode old, JsonNode now) {
        Map<String, JsonNode> before = byName(old);
        Map<String, JsonNode> after = byName(now);
        List<Change> changes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> measure : after.entrySet()) {
            JsonNode was = before.get(measure.getKey());
            if (was == null) {
                changes.add(new Change("measure " + measure.getKey() + " added", Handling.EXTEND));
            } else if (!was.equals(measure.getValue())) {
                changes.add(new Change("measure " + measure.getKey() + " " + text(was) + " -> "
                        + text(measure.getValue()), Handling.REBUILD));
            }
        }
        before.keySet().stream().filter(name -> !after.containsKey(name))
                .forEach(name -> changes.add(new Change("measure " + name + " removed", Handling.REBUILD)));
        return changes;
    }

    private static Map<String, JsonNode> byName(JsonNode measures) {
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        measures.forEach(m -> byName.put(m.path("name").asText(), m));
        return byName;
    }

    private static Set<String> keys(JsonNode a, JsonNode b) {
        Set<String> keys = new TreeSet<>();
        a.fieldNames().forEachRemaining(keys::add);
        b.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static void withoutNulls(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                if (fields.next().getValue().isNull()) {
                    fields.remove();
                }
            }
        }
        node.forEach(SpecChanges::withoutNulls);
    }

    private static String text(JsonNode node) {
        return node instanceof MissingNode || node.isNull() ? "(none)" : node.isTextual() ? node.asText() : node.toString();
    }

    /** The spec as a tree without null fields: an optional key added in a later version is not a change. */
    private static JsonNode tree(String json) {
        try {
            JsonNode tree = JSON.readTree(json);
            withoutNulls(tree);
            return tree;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not a job spec: " + e.getOriginalMessage(), e);
        }
    }
}
