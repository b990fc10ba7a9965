package io.streamgate.poller.simulator;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The filters and order every feed accepts: a Socrata-style {@code $where} over {@code :updated_at} and {@code :id}
 * (comparisons, AND, OR, parentheses: enough for a keyset condition such as
 * {@code :updated_at > 'T' OR (:updated_at = 'T' AND :id > 'I')}); {@code since} (&gt;), {@code from} (&gt;=),
 * {@code until} (&lt;) on the reading's time as an ISO instant; and {@code $order} by {@code :updated_at} then
 * {@code :id} (otherwise rows come in {@code :id} order).
 */
final class RowFilter {

    private static final Pattern TOKEN = Pattern.compile(
            "\\s*(?:(\\()|(\\))|(?i:(AND|OR))\\b|(:updated_at|:id)\\s*(>=|<=|>|<|=)\\s*'([^']*)')");
    private static final Comparator<Reading> BY_UPDATED_AT = Comparator.comparing(Reading::updatedAt)
            .thenComparing(Reading::id);

    private RowFilter() {
    }

    /** @throws IllegalArgumentException when {@code $where} is not in the subset above */
    static List<Reading> apply(List<Reading> rows, Map<String, String> query) {
        Predicate<Reading> keep = r -> true;
        String where = query.get("$where");
        if (where != null && !where.isBlank()) {
            keep = new Parser(where).parse();
        }
        keep = keep.and(instant(query.get("since"), ">")).and(instant(query.get("from"), ">="))
                .and(instant(query.get("until"), "<"));
        List<Reading> kept = rows.stream().filter(keep).toList();
        String order = query.getOrDefault("$order", "");
        return order.startsWith(":updated_at") ? kept.stream().sorted(BY_UPDATED_AT).toList() : kept;
    }

    /** Recursive descent over the tokens: or := and (OR and)*; and := atom (AND atom)*; atom := ( or ) | clause. */
    private static final class Parser {
        private final String text;
        private final Matcher tokens;
        private int position;

        Parser(String text) {
            this.text = text;
            this.tokens = TOKEN.matcher(text);
        }

        Predicate<Reading> parse() {
            Predicate<Reading> result = or();
            if (!text.substring(position).isBlank()) {
                throw new IllegalArgumentException("unsupported $where at: " + text.substring(position));
            }
            return result;
        }

        private Predicate<Reading> or() {
            return joined("OR", this::and, Predicate::or);
        }

        private Predicate<Reading> and() {
            return joined("AND", this::atom, Predicate::and);
        }

        /** {@code operand (word operand)*}, folded left with {@code join}. */
        private Predicate<Reading> joined(String word, Supplier<Predicate<Reading>> operand,
                BinaryOperator<Predicate<Reading>> join) {
            Predicate<Reading> result = operand.get();
            while (peekWord(word)) {
                next();
                result = join.apply(result, operand.get());
            }
            return result;
        }

        private Predicate<Reading> atom() {
            next();
            if (tokens.group(1) != null) {
                Predicate<Reading> inner = or();
                next();
                if (tokens.group(2) == null) {
                    throw new IllegalArgumentException("unbalanced parenthesis in $where: " + text);
                }
                return inner;
            }
            if (tokens.group(4) == null) {
                throw new IllegalArgumentException("expected a comparison in $where: " + text);
            }
            Function<Reading, String> field = tokens.group(4).equals(":id") ? Reading::id : Reading::updatedAt;
            String op = tokens.group(5);
            String value = tokens.group(4).equals(":id") ? tokens.group(6) : normalise(tokens.group(6));
            return r -> compare(field.apply(r).compareTo(value), op);
        }

        private boolean peekWord(String word) {
            return tokens.find(position) && tokens.start() == position && word.equalsIgnoreCase(tokens.group(3));
        }

        private void next() {
            if (!tokens.find(position) || tokens.start() != position) {
                throw new IllegalArgumentException("unsupported $where at: " + text.substring(position));
            }
            position = tokens.end();
        }
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
            case "=" -> cmp == 0;
            default -> cmp <= 0;
        };
    }
}
