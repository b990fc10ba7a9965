package io.streamgate.poller.source;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * A cursor taken from the records: the largest value of {@code field} seen (or of the event time, when
 * {@code field} is empty) goes out on the next run, as query parameter {@code param} or through the
 * {@code where} template into {@code whereParam}. Values compare as instants when they parse as times, as numbers
 * when numeric, else as text.
 *
 * @param field the record field; empty: the record's event time (as an ISO-8601 instant)
 * @param param the query parameter carrying the cursor, e.g. {@code since}
 * @param where a template with {@code {cursor}}, e.g. {@code :updated_at > '{cursor}'}
 * @param whereParam the parameter the filled template goes in
 * @param backfillWhere backfill only: a {@code whereParam} template with {@code {from}} and {@code {to}}
 * @param backfillParams backfill only: query parameters whose values are templates with {@code {from}} and
 *        {@code {to}}, e.g. {@code from: "{from}"}, {@code until: "{to}"}
 * @param initial the cursor before the first record; empty: no filter on the first run
 * @param overlap how far back each run re-reads a time cursor (records seen in that window are not produced
 *        again); rows committed late with a cursor value inside it are still fetched
 * @param numericOverlap the same for a numeric cursor: how much below the saved value each run asks from
 */
public record IncrementalConfig(
        @DefaultValue("") String field,
        @DefaultValue("") String param,
        @DefaultValue("") String where,
        @DefaultValue("$where") String whereParam,
        @DefaultValue("") String backfillWhere,
        java.util.Map<String, String> backfillParams,
        @DefaultValue("") String initial,
        @NotNull @DefaultValue("5m") Duration overlap,
        @NotNull @PositiveOrZero @DefaultValue("1") java.math.BigDecimal numericOverlap) {

    public IncrementalConfig {
        backfillParams = backfillParams == null ? java.util.Map.of() : java.util.Map.copyOf(backfillParams);
    }

    public boolean canBackfill() {
        return !backfillWhere.isBlank() || !backfillParams.isEmpty();
    }

    @AssertTrue(message = "needs exactly one of param or where ({cursor} in it)")
    public boolean isTargetValid() {
        return param.isBlank() != where.isBlank() && (where.isBlank() || where.contains("{cursor}"));
    }
}
