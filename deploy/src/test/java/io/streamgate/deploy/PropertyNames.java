package io.streamgate.deploy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The configuration keys an app reads, as patterns in Spring's dotted form: {@code *} stands for one map key
 * ({@code streamgate.sources.*.topic}), {@code #} for a list index, {@code **} for anything below a Map-typed
 * property. Keys are compared the way Spring's relaxed binding does: case, dashes and underscores inside a segment
 * do not matter in YAML, and an environment variable may spell a dashed segment with or without an underscore.
 */
final class PropertyNames {

    private final Set<String> patterns = new LinkedHashSet<>();

    PropertyNames add(String pattern) {
        patterns.add(pattern);
        return this;
    }

    PropertyNames addAll(PropertyNames other) {
        patterns.addAll(other.patterns);
        return this;
    }

    Set<String> patterns() {
        return patterns;
    }

    /** Whether {@code key} (dotted, list indexes as their own segments, e.g. {@code a.b.0.c}) is read. */
    boolean accepts(String key) {
        List<String> segments = segments(key);
        return patterns.stream().anyMatch(p -> matches(segments(p), 0, segments, 0));
    }

    /** Whether the environment variable {@code name} binds to a key that is read. */
    boolean acceptsEnv(String name) {
        return patterns.stream().anyMatch(p -> envRegex(p).matcher(name).matches());
    }

    private static boolean matches(List<String> pattern, int pi, List<String> key, int ki) {
        if (pi == pattern.size()) {
            // a list of scalars binds to its leaf key, with or without an index
            return ki == key.size() || ki == key.size() - 1 && key.get(ki).matches("\\d+");
        }
        if (ki == key.size()) {
            return false;
        }
        String p = pattern.get(pi);
        return switch (p) {
            case "**" -> true;
            case "*" -> matches(pattern, pi + 1, key, ki + 1);
            case "#" -> key.get(ki).matches("\\d+") && matches(pattern, pi + 1, key, ki + 1);
            default -> canonical(p).equals(canonical(key.get(ki))) && matches(pattern, pi + 1, key, ki + 1);
        };
    }

    private static Pattern envRegex(String pattern) {
        String body = segments(pattern).stream().map(s -> switch (s) {
            case "**" -> "[A-Z0-9_]+";
            case "*" -> "[A-Z0-9]+";
            case "#" -> "[0-9]+";
            default -> {
                String upper = s.toUpperCase(Locale.ROOT);
                yield "(?:" + Pattern.quote(upper.replace("-", "")) + "|" + Pattern.quote(upper.replace('-', '_')) + ")";
            }
        }).collect(Collectors.joining("_"));
        return Pattern.compile(body + "(?:_[0-9]+)?");
    }

    static List<String> segments(String key) {
        List<String> out = new ArrayList<>();
        for (String part : key.split("\\.")) {
            // a.b[0].c and a.b[#].c are the same as a.b.0.c and a.b.#.c
            int bracket = part.indexOf('[');
            if (bracket < 0) {
                out.add(part);
            } else {
                out.add(part.substring(0, bracket));
                Arrays.stream(part.substring(bracket + 1).split("\\]\\[?"))
                        .filter(s -> !s.isEmpty()).forEach(out::add);
            }
        }
        return out;
    }

    private static String canonical(String segment) {
        return segment.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }

    /** Spring's kebab-case name of a Java field or record component. */
    static String kebab(String javaName) {
        return javaName.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
