package io.streamgate.aggregator.job;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One dataset's aggregation, as declared in its YAML file. Instances come from {@link JobLoader}, which validates
 * every key; the accessors below may therefore assume a complete, consistent job.
 */
public record JobSpec(
        String name,
        InputSpec input,
        @JsonProperty("event-time") EventTimeSpec eventTime,
        @JsonProperty("dedup-key") List<String> dedupKey,
        @JsonProperty("group-by") List<String> groupBy,
        List<MeasureSpec> measures,
        CounterSpec counter,
        List<LookupSpec> lookups,
        WindowSpec window,
        String watermark,
        String horizon,
        String trigger,
        SinksSpec sinks) {

    /** The header that identifies a delivery (CloudEvents binary mode); the default dedup key. */
    public static final String CE_ID = "ce_id";
    /** How late a record may arrive and still count, unless a job says otherwise: generous, for backfills. */
    public static final String DEFAULT_HORIZON = "P14D";

    public JobSpec {
        dedupKey = dedupKey == null || dedupKey.isEmpty() ? List.of(CE_ID) : List.copyOf(dedupKey);
        groupBy = groupBy == null ? List.of() : List.copyOf(groupBy);
        measures = measures == null ? List.of() : List.copyOf(measures);
        lookups = lookups == null ? List.of() : List.copyOf(lookups);
        sinks = sinks == null ? new SinksSpec(null, null, null) : sinks;
        horizon = horizon == null ? DEFAULT_HORIZON : horizon;
    }

    public Duration watermarkDelay() {
        return Duration.parse(watermark);
    }

    /** Rows older than the newest accepted event time minus this go to the ledger as late; younger ones count. */
    public Duration horizonDuration() {
        return Duration.parse(horizon);
    }

    public Duration triggerInterval() {
        return Duration.parse(trigger);
    }

    public boolean needsCounterDeltas() {
        return measures.stream().anyMatch(m -> m.kind() == MeasureKind.COUNTER_DELTA);
    }

    /** Fields a record must carry to be usable at all: a record missing one of them is quarantined. */
    public Set<String> requiredFields() {
        Set<String> required = new LinkedHashSet<>(dedupKey);
        required.addAll(eventTime.fields());
        required.addAll(groupBy.stream().filter(f -> !isLookupOutput(f)).toList());
        measures.stream().map(MeasureSpec::field).filter(f -> f != null).forEach(required::add);
        lookups.forEach(l -> required.add(l.on()));
        if (counter != null) {
            required.addAll(counter.key());
        }
        return required;
    }

    public boolean isLookupOutput(String field) {
        return lookups.stream().anyMatch(l -> l.columns().containsValue(field));
    }

    /** Every field name a job may refer to: input fields, CloudEvents headers, lookup outputs. */
    public List<String> knownFields() {
        List<String> known = new ArrayList<>(input.fieldNames());
        known.addAll(InputSpec.HEADER_FIELDS);
        lookups.forEach(l -> known.addAll(l.columns().values()));
        return known;
    }

    /**
     * Window bounds: {@code length} and {@code slide} (ISO-8601), aligned to UTC ({@code align: utc}, the default)
     * or to the wall clock of the event-time zone ({@code align: local}): local hours and days, whose UTC bounds move
     * at a DST change (a local day is then 23 or 25 hours long). Left null when not given, so the specs recorded in
     * tables before it existed still read as the same spec.
     */
    public record WindowSpec(String length, String slide, String align) {
        public static final String UTC = "utc";
        public static final String LOCAL = "local";

        public WindowSpec {
            align = UTC.equals(align) ? null : align; // the default written out is the same spec, not a change
        }

        public boolean local() {
            return LOCAL.equals(align);
        }

        public Duration lengthDuration() {
            return Duration.parse(length);
        }

        public Duration slideDuration() {
            return slide == null ? lengthDuration() : Duration.parse(slide);
        }
    }

    /** The warehouse table of this job's windows: {@code sinks.warehouse.table}, else {@code <job>_windows}. */
    public String warehouseTable() {
        WarehouseSpec warehouse = sinks.warehouse();
        return warehouse != null && warehouse.table() != null ? warehouse.table()
                : name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]+", "_") + "_windows";
    }

    /** Optional outputs besides the Delta {@code windows} table. */
    public record SinksSpec(ExportSpec export, KafkaSinkSpec kafka, WarehouseSpec warehouse) {
    }

    /** The table of the warehouse sink (which runs when the aggregator is given {@code --warehouse JDBC_URL}). */
    public record WarehouseSpec(String table) {
    }

    /** Files of closed windows for loaders that expect files: {@code csv} (gzip) and/or {@code parquet}. */
    public record ExportSpec(List<String> formats) {
    }

    /** Changed windows published as JSON, keyed by window and group, for live views. */
    public record KafkaSinkSpec(String topic) {
    }
}
