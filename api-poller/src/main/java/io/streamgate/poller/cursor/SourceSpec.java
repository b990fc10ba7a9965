package io.streamgate.poller.cursor;

import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.streamgate.poller.source.EventTimeConfig;
import io.streamgate.poller.source.FormatConfig;
import io.streamgate.poller.source.IncrementalConfig;
import io.streamgate.poller.source.PaginationConfig;
import io.streamgate.poller.source.SourceConfig;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * The part of a source's configuration that gives its stored cursor a meaning: where the records come from (URL,
 * parameters and a POST body), how a run walks its pages, which field the incremental cursor is and how it is sent,
 * the mode, and where the records sit in the body. A stored {@code nextPage} was built from it and a stored cursor
 * is a value of its field, so neither may be used under another spec. Schedule, rate limits, auth, headers, page
 * size of offset walks and the like are left out: changing them leaves what is stored valid.
 *
 * @param fingerprint SHA-256 of the canonical JSON of {@code fields}: what two specs are compared by
 * @param fields the spec as dotted keys and values, readable in the cursor topic and in a refusal
 */
public record SourceSpec(String fingerprint, SortedMap<String, String> fields) {

    /** Keys whose change says it all: the keys of their group (by prefix) change with them and are not listed. */
    private static final Map<String, List<String>> LEADS = Map.of(
            "mode", List.of("diff-entity", "incremental.", "event-time."),
            "incremental.field", List.of("incremental.", "event-time."),
            "pagination.kind", List.of("pagination."));

    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    public SourceSpec {
        fields = fields == null ? new TreeMap<>() : new TreeMap<>(fields);
    }

    public static SourceSpec of(SourceConfig config) {
        SortedMap<String, String> fields = new TreeMap<>();
        fields.put("url", withoutUserInfo(config.url()));
        config.params().forEach((name, value) -> fields.put("params." + name, value));
        if (config.body() != null) {
            fields.put("body", config.body());
        }
        pagination(config.pagination(), fields);
        IncrementalConfig incremental = config.incremental();
        fields.put("mode", config.diff() ? "snapshot-diff" : incremental != null ? "incremental" : "plain");
        if (config.diff()) {
            fields.put("diff-entity", String.join(",", config.diffEntity()));
        }
        if (incremental != null) {
            incremental(incremental, config.eventTime(), fields);
        }
        if (config.format().kind() == FormatConfig.Kind.JSON) {
            fields.put("format.records", config.format().records());
        }
        return new SourceSpec(fingerprint(fields), fields);
    }

    /** Only what decides the pages a walk visits: an offset walk's page size does not, a page-number walk's does. */
    private static void pagination(PaginationConfig pagination, Map<String, String> fields) {
        fields.put("pagination.kind", pagination.kind().name().toLowerCase(Locale.ROOT));
        switch (pagination.kind()) {
            case OFFSET -> {
                fields.put("pagination.offset-param", pagination.offsetParam());
                fields.put("pagination.limit-param", pagination.limitParam());
            }
            case PAGE -> {
                fields.put("pagination.page-param", pagination.pageParam());
                fields.put("pagination.limit-param", pagination.limitParam());
                fields.put("pagination.limit", String.valueOf(pagination.limit()));
                fields.put("pagination.first-page", String.valueOf(pagination.firstPage()));
            }
            case CURSOR -> {
                fields.put("pagination.cursor-param", pagination.cursorParam());
                fields.put("pagination.cursor-pointer", pagination.cursorPointer());
                fields.put("pagination.has-more-pointer", pagination.hasMorePointer());
            }
            case KEYSET -> {
                fields.put("pagination.limit-param", pagination.limitParam());
                fields.put("pagination.keyset-param", pagination.keysetParam());
                fields.put("pagination.keyset-where", pagination.keysetWhere());
            }
            case NONE, LINK -> {
                // the provider's links carry the whole walk
            }
        }
    }

    /** An event-time cursor is only as stable as the fields, pattern and zone the time is read with. */
    private static void incremental(IncrementalConfig incremental, EventTimeConfig eventTime,
            Map<String, String> fields) {
        fields.put("incremental.field", incremental.field());
        if (incremental.param().isBlank()) {
            fields.put("incremental.where", incremental.where());
            fields.put("incremental.where-param", incremental.whereParam());
        } else {
            fields.put("incremental.param", incremental.param());
        }
        if (incremental.field().isEmpty() && eventTime != null) {
            fields.put("event-time.fields", String.join(",", eventTime.fields()));
            fields.put("event-time.pattern", eventTime.pattern());
            fields.put("event-time.zone", eventTime.zone());
        }
    }

    /** Credentials in the URL stay out of the cursor topic. */
    private static String withoutUserInfo(URI url) {
        return url.getRawUserInfo() == null ? url.toString() : url.toString().replace(url.getRawUserInfo() + "@", "");
    }

    private static String fingerprint(SortedMap<String, String> fields) {
        try {
            return DigestUtils.sha256Hex(CANONICAL.writeValueAsBytes(fields));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean sameAs(SourceSpec other) {
        return other != null && fingerprint.equals(other.fingerprint);
    }

    /**
     * What changed from {@code before} to this spec, one {@code key old -> new} per key in key order, short enough
     * for one line: a new pagination kind, cursor field or mode stands for the settings that go with it.
     */
    public List<String> changesSince(SourceSpec before) {
        TreeSet<String> keys = new TreeSet<>(before.fields.keySet());
        keys.addAll(fields.keySet());
        keys.removeIf(key -> Objects.equals(before.fields.get(key), fields.get(key)));
        List<String> changes = new ArrayList<>();
        for (String key : keys) {
            boolean followsALead = LEADS.entrySet().stream().anyMatch(lead -> !lead.getKey().equals(key)
                    && keys.contains(lead.getKey()) && lead.getValue().stream().anyMatch(key::startsWith));
            if (!followsALead) {
                changes.add(key + " " + shown(before.fields.get(key)) + " -> " + shown(fields.get(key)));
            }
        }
        return changes;
    }

    private static String shown(String value) {
        return value == null ? "(none)" : value.isEmpty() ? "\"\"" : value;
    }
}
