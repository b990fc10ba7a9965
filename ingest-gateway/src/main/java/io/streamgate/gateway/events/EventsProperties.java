package io.streamgate.gateway.events;

import java.util.List;

import io.streamgate.gateway.ratelimit.RateLimitProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * {@code streamgate.sources.<id>.events}: what an events source accepts.
 *
 * @param columns the CSV columns its rows carry: a body's header row must name exactly these (trimmed); a body
 *     without a header row is read with them
 * @param csvHeader whether CSV bodies start with a header row: {@code true}, {@code false}, or unset to detect it
 *     (the first row is the header when it names the declared columns). A request's RFC 4180 media type parameter
 *     ({@code text/csv; header=present|absent}) wins over both.
 * @param time where a record's event time ({@code ce_time}) comes from; the receive time when not configured
 * @param maxRecords the most records one request may hold (more is a 400 naming the limit)
 * @param schema an optional JSON Schema (e.g. {@code classpath:schemas/x.json}) every record must satisfy: JSON
 *     records as they are, CSV rows as objects of column name to text
 * @param json what an {@code application/json} body is: {@code records} (an array, a record per element, or a
 *     single JSON value) or {@code pubsub-push} (a Google Pub/Sub push envelope)
 * @param rateLimit token buckets per source and per credential
 */
public record EventsProperties(
        @DefaultValue List<String> columns,
        Boolean csvHeader,
        @Valid @DefaultValue EventTimeProperties time,
        @DefaultValue("10000") @Positive int maxRecords,
        Resource schema,
        @DefaultValue("records") @NotNull JsonBody json,
        @Valid @DefaultValue RateLimitProperties rateLimit) {

    /** What an {@code application/json} body holds. */
    public enum JsonBody {
        RECORDS, PUBSUB_PUSH
    }

    @AssertTrue(message = "time.columns must be among the declared columns")
    public boolean isTimeColumnsDeclared() {
        return columns.isEmpty() || columns.containsAll(time.columns());
    }

    @AssertTrue(message = "the schema must be a readable resource")
    public boolean isSchemaReadable() {
        return schema == null || schema.isReadable();
    }
}
