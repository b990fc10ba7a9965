package io.streamgate.bench.spark;

import java.util.HashMap;
import java.util.Map;

/** A baseline's command line: {@code --name value} pairs. */
final class Options {

    private final Map<String, String> values = new HashMap<>();

    Options(String[] args) {
        for (int i = 0; i + 1 < args.length; i += 2) {
            values.put(args[i], args[i + 1]);
        }
    }

    String get(String option, String fallback) {
        return values.getOrDefault(option, fallback);
    }

    String required(String option) {
        String value = values.get(option);
        if (value == null) {
            throw new IllegalArgumentException(option + ": required");
        }
        return value;
    }
}
