package io.streamgate.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Prometheus series names the apps can expose, derived from the meter names in their sources: Micrometer's
 * dotted names ({@code streamgate.produce.latency}) become {@code streamgate_produce_latency} plus the suffixes its
 * Prometheus registry adds per meter type; the aggregator's own registry writes Prometheus names directly.
 */
final class MetricNames {

    private static final Pattern LITERAL = Pattern.compile("\"(streamgate[._][a-z0-9._]+)\"");
    private static final List<String> SUFFIXES = List.of("", "_total", "_seconds", "_seconds_count", "_seconds_sum",
            "_seconds_max", "_seconds_bucket", "_count", "_sum", "_max", "_bucket");

    private MetricNames() {
    }

    static Set<String> of(Path root, List<String> modules) {
        Set<String> names = new LinkedHashSet<>();
        for (String module : modules) {
            try (Stream<Path> files = Files.walk(root.resolve(module).resolve("src/main/java"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher m = LITERAL.matcher(Files.readString(file));
                    while (m.find()) {
                        String base = m.group(1).replace('.', '_');
                        SUFFIXES.forEach(suffix -> names.add(base + suffix));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return names;
    }
}
