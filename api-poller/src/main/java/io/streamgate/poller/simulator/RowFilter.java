package io.streamgate.poller.simulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The filters every feed accepts: Socrata-style {@code $where} on {@code :updated_at} (comparisons joined by AND),
 * and {@code since} (&gt;), {@code from} (&gt;=), {@code until} (&lt;) on the reading's time as an ISO instant.
 */
final class RowFilter {

    private static final Pattern CLAUSE = Pattern.compile(":updated_at\\s*(>=|<=|>|<)\\s*'([^']*)'");

    private RowFilter() {
    }

    static List<Reading> apply(List<Reading> rows, Map<String, String> query) {
        Predicate<Reading> keep = r -> true;
        String where = query.get("$where");
        if (where != null) {
            Matcher clause = CLAUSE.matcher(where);
            while (clause.find()) {
                String op = clause.group(1);
                String value = clause.group(2);
                keep = keep.and(r -> compare(r.updatedAt().compareTo(normalise(value)), op));
            }
        }
        keep = keep.and(instant(query.get("since"), ">")).and(instant(query.get("from"), ">="))
                .and(instant(query.get("until"), "<"));
        return rows.stream().filter(keep).toList();
    }

    private static Predicate<Reading> instant(String value, String op) {
        if (value == null) {
            return r -> true;
        }
        Instant bound = Instant.parse(value);
        return r -> compare(r.instant().compareTo(bound), op);
    }

    /** '2024-01-06T04:00:00' and '2024-01-06T04:00:00.000' name the same floating time. */
    private static String normalise(String floating) {
        return floating.length() == 19 ? floating + ".000" : floating;
    }

    private static boolean compare(int cmp, String op) {
        return switch (op) {
            case ">" -> cmp > 0;
            case ">=" -> cmp >= 0;
            case "<" -> cmp < 0;
            default -> cmp <= 0;
        };
    }
}
