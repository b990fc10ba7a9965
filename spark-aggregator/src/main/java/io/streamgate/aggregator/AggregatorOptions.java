package io.streamgate.aggregator;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Command-line options of {@link AggregatorMain}; a bad or missing option fails naming it. */
record AggregatorOptions(String master, List<String> jobs, int metricsPort, int shufflePartitions,
                         int snapshotPartitions, AggregatorSettings settings) {

    static final String USAGE = """
            usage: AggregatorMain --bootstrap-servers HOST:PORT --lake PATH --checkpoints PATH [options]
              --master URL               Spark master, e.g. local[*] (omit under spark-submit)
              --jobs A,B                 bundled job names or job YAML files (default: mta-turnstile,nyc-taxi)
              --starting-offsets WHICH   earliest (default) or latest, for a query's first start
              --trigger DURATION         override every job's trigger interval (ISO-8601, e.g. PT30S)
              --metrics-port N           Prometheus /metrics port (default 9464, 0 = off)
              --shuffle-partitions N     partitions of each batch's joins and aggregations (default 4); a
                                         checkpoint keeps the number it started with
              --snapshot-partitions N    tasks Delta rebuilds a table snapshot with (default 2)
              --recover MODE             resume or rebuild: take over a job's tables with a new checkpoint
              --evolve MODE              extend or rebuild: bring a job's tables to its changed spec (see
                                         README "Evolving a job"); without it a start that needs one is refused
              --warehouse JDBC_URL       also upsert changed windows into PostgreSQL, e.g.
                                         jdbc:postgresql://db:5432/warehouse?user=streamgate&password=...
            """;

    private static final Set<String> KNOWN = Set.of("--master", "--jobs", "--bootstrap-servers", "--lake",
            "--checkpoints", "--starting-offsets", "--trigger", "--metrics-port", "--shuffle-partitions",
            "--snapshot-partitions", "--recover", "--evolve", "--warehouse");

    static AggregatorOptions parse(String... args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!KNOWN.contains(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + ": value missing");
            }
            values.put(args[i], args[i + 1]);
        }
        String offsets = values.getOrDefault("--starting-offsets", "earliest");
        if (!offsets.equals("earliest") && !offsets.equals("latest")) {
            throw new IllegalArgumentException("--starting-offsets: earliest or latest, not " + offsets);
        }
        String recover = values.get("--recover");
        if (recover != null && !recover.equals("resume") && !recover.equals("rebuild")) {
            throw new IllegalArgumentException("--recover: resume or rebuild, not " + recover);
        }
        String evolve = values.get("--evolve");
        if (evolve != null && !evolve.equals("extend") && !evolve.equals("rebuild")) {
            throw new IllegalArgumentException("--evolve: extend or rebuild, not " + evolve);
        }
        AggregatorSettings settings = new AggregatorSettings(required(values, "--bootstrap-servers"),
                required(values, "--lake"), required(values, "--checkpoints"), offsets, trigger(values.get("--trigger")),
                recover, warehouse(values.get("--warehouse")), evolve);
        List<String> jobs = Arrays.stream(values.getOrDefault("--jobs", "mta-turnstile,nyc-taxi").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        return new AggregatorOptions(values.get("--master"), jobs, port(values.getOrDefault("--metrics-port", "9464")),
                positive(values, "--shuffle-partitions", "4"), positive(values, "--snapshot-partitions", "2"), settings);
    }

    private static String required(Map<String, String> values, String option) {
        String value = values.get(option);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(option + ": required");
        }
        return value;
    }

    private static Duration trigger(String value) {
        try {
            return value == null ? null : Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--trigger: not an ISO-8601 duration: " + value);
        }
    }

    private static int positive(Map<String, String> values, String option, String defaultValue) {
        String value = values.getOrDefault(option, defaultValue);
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + ": a positive number, not " + value);
    }

    private static String warehouse(String url) {
        if (url != null && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("--warehouse: a PostgreSQL JDBC URL (jdbc:postgresql://...), not " + url);
        }
        return url;
    }

    private static int port(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--metrics-port: not a port number: " + value);
        }
    }
}
