package io.streamgate.aggregator.job;

import org.apache.spark.sql.types.DataType;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Semantic checks of a parsed job; each failure names the key. */
final class JobValidator {

    private static final Set<String> SPECIAL_FORMATS =
            Set.of(EventTimeSpec.ISO, EventTimeSpec.EPOCH_MILLIS, EventTimeSpec.EPOCH_SECONDS);

    private final String source;
    private final JobSpec job;

    JobValidator(String source, JobSpec job) {
        this.source = source;
        this.job = job;
    }

    void validate() {
        require(job.name() != null && job.name().matches("[a-z0-9][a-z0-9._-]*"), "name",
                "required, lower-case letters, digits, '.', '_' or '-'");
        validateInput();
        validateEventTime();
        fieldsKnown("dedup-key", job.dedupKey());
        fieldsKnown("group-by", job.groupBy());
        validateMeasures();
        validateCounter();
        validateWindow();
        positiveDuration("watermark", job.watermark());
        positiveDuration("horizon", job.horizon());
        require(job.horizonDuration().compareTo(job.watermarkDelay()) >= 0, "horizon",
                "must not be shorter than the watermark (" + job.watermark() + ")");
        positiveDuration("trigger", job.trigger());
        validateSinks();
    }

    private void validateInput() {
        InputSpec input = job.input();
        require(input != null, "input", "required");
        require(!input.topics().isEmpty(), "input.topics", "at least one topic required");
        require("csv".equals(input.format()) || "json".equals(input.format()), "input.format", "must be csv or json");
        if (input.isCsv()) {
            require(!input.columns().isEmpty(), "input.columns", "required for csv");
            require(input.fields().isEmpty(), "input.fields", "only for json (csv uses input.columns)");
        } else {
            require(!input.fields().isEmpty(), "input.fields", "required for json (name: JSON path)");
            require(input.columns().isEmpty(), "input.columns", "only for csv (json uses input.fields)");
            input.fields().forEach((name, path) ->
                    require(path != null && path.startsWith("$"), "input.fields." + name, "a JSON path starting with $"));
        }
        require(new HashSet<>(input.fieldNames()).size() == input.fieldNames().size(), "input", "duplicate field names");
        input.types().forEach((field, type) -> {
            require(input.fieldNames().contains(field), "input.types." + field, "not an input field");
            try {
                DataType.fromDDL(type);
            } catch (Exception e) { // Spark's ParseException is checked in Java's eyes, yet undeclared
                fail("input.types." + field, "not a Spark type: " + type);
            }
        });
    }

    private void validateEventTime() {
        EventTimeSpec time = job.eventTime();
        require(time != null, "event-time", "required");
        require(!time.fields().isEmpty(), "event-time.fields", "at least one field required");
        fieldsKnown("event-time.fields", time.fields());
        require(!time.formats().isEmpty(), "event-time.formats", "at least one format required");
        for (int i = 0; i < time.formats().size(); i++) {
            String format = time.formats().get(i);
            if (!SPECIAL_FORMATS.contains(format)) {
                try {
                    DateTimeFormatter.ofPattern(format);
                } catch (IllegalArgumentException e) {
                    fail("event-time.formats[" + i + "]", "not a date-time pattern: " + format);
                }
            }
        }
        try {
            ZoneId.of(time.zone());
        } catch (DateTimeException e) {
            fail("event-time.zone", "unknown time zone " + time.zone());
        }
    }

    private void validateMeasures() {
        require(!job.measures().isEmpty(), "measures", "at least one measure required");
        Set<String> names = new HashSet<>();
        for (int i = 0; i < job.measures().size(); i++) {
            MeasureSpec m = job.measures().get(i);
            String key = "measures[" + i + "]";
            require(m.name() != null && !m.name().isBlank(), key + ".name", "required");
            require(names.add(m.name()) && !job.groupBy().contains(m.name()), key + ".name", "duplicate column " + m.name());
            require(MeasureKind.parse(m.function()).isPresent(), key + ".function",
                    "'" + m.function() + "' is not one of " + MeasureKind.names());
            require(m.field() != null || m.kind() == MeasureKind.COUNT, key + ".field", "required for " + m.function());
            if (m.field() != null) {
                fieldsKnown(key + ".field", List.of(m.field()));
            }
        }
    }

    private void validateCounter() {
        CounterSpec counter = job.counter();
        if (!job.needsCounterDeltas()) {
            require(counter == null, "counter", "only used with counter-delta measures");
            return;
        }
        require(counter != null, "counter", "required with counter-delta measures");
        require(!counter.key().isEmpty(), "counter.key", "at least one field naming the counter");
        fieldsKnown("counter.key", counter.key());
        require(counter.maxDelta() == null || counter.maxDelta() > 0, "counter.max-delta", "must be positive");
        if (counter.maxGap() != null) {
            positiveDuration("counter.max-gap", counter.maxGap());
        }
    }

    private void validateWindow() {
        require(job.window() != null, "window", "required");
        positiveDuration("window.length", job.window().length());
        if (job.window().slide() != null) {
            positiveDuration("window.slide", job.window().slide());
            require(job.window().slideDuration().compareTo(job.window().lengthDuration()) <= 0, "window.slide",
                    "must not exceed window.length");
        }
        String align = job.window().align();
        // utc is already null here (the default, normalised by WindowSpec)
        require(align == null || align.equals(JobSpec.WindowSpec.LOCAL),
                "window.align", "'" + align + "' is not one of utc, local");
    }

    private void validateSinks() {
        JobSpec.ExportSpec export = job.sinks().export();
        if (export != null) {
            require(export.formats() != null && !export.formats().isEmpty()
                    && Set.of("csv", "parquet").containsAll(export.formats()), "sinks.export.formats", "csv and/or parquet");
        }
        JobSpec.KafkaSinkSpec kafka = job.sinks().kafka();
        if (kafka != null) {
            require(kafka.topic() != null && !kafka.topic().isBlank(), "sinks.kafka.topic", "required");
        }
        JobSpec.WarehouseSpec warehouse = job.sinks().warehouse();
        if (warehouse != null && warehouse.table() != null) {
            require(warehouse.table().matches("[a-z_][a-z0-9_]{0,62}"), "sinks.warehouse.table",
                    "a lower-case SQL name of at most 63 characters");
        }
        for (int i = 0; i < job.lookups().size(); i++) {
            LookupSpec l = job.lookups().get(i);
            String key = "lookups[" + i + "]";
            require(l.resource() != null, key + ".resource", "required");
            require(l.key() != null, key + ".key", "required");
            require(l.on() != null && job.input().fieldNames().contains(l.on()), key + ".on", "must name an input field");
            require(!l.columns().isEmpty(), key + ".columns", "at least one column");
        }
    }

    private void fieldsKnown(String key, List<String> fields) {
        List<String> known = job.knownFields();
        for (String field : fields) {
            require(known.contains(field), key, "unknown field '" + field + "' (known: " + known + ")");
        }
    }

    private void positiveDuration(String key, String value) {
        require(value != null, key, "required (ISO-8601 duration, e.g. PT10M)");
        try {
            require(!Duration.parse(value).isNegative() && !Duration.parse(value).isZero(), key, "must be positive");
        } catch (java.time.format.DateTimeParseException e) {
            fail(key, "not an ISO-8601 duration (e.g. PT10M): " + value);
        }
    }

    private void require(boolean ok, String key, String problem) {
        if (!ok) {
            fail(key, problem);
        }
    }

    private void fail(String key, String problem) {
        throw new JobConfigException(source, key, problem);
    }
}
