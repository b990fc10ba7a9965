package io.streamgate.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** Checks shared by compose services and Kubernetes containers that run one of the Spring apps. */
final class Containers {

    private Containers() {
    }

    /** Compose accepts a map or a list of {@code KEY=value}; Kubernetes a list of {@code {name, value}}. */
    static Map<String, String> env(JsonNode environment) {
        Map<String, String> env = new LinkedHashMap<>();
        if (environment.isObject()) {
            environment.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        } else {
            for (JsonNode entry : environment) {
                if (entry.isTextual()) {
                    String text = entry.asText();
                    int eq = text.indexOf('=');
                    env.put(eq < 0 ? text : text.substring(0, eq), eq < 0 ? "" : text.substring(eq + 1));
                } else {
                    env.put(entry.path("name").asText(), entry.path("value").asText());
                }
            }
        }
        return env;
    }

    static List<String> unknownEnv(String where, SpringApp app, Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        env.keySet().stream().filter(name -> !app.acceptsEnv(name)).forEach(name -> problems.add(where + ": env "
                + name + " binds to no key " + app.module() + " reads (nor a Spring Boot key)"));
        return problems;
    }

    /** Keys in a config file given to an app that the app does not read. */
    static List<String> unknownKeys(String where, SpringApp app, List<JsonNode> docs) {
        List<String> problems = new ArrayList<>();
        for (JsonNode doc : docs) {
            Yaml.flatten(doc).keySet().stream().filter(key -> !app.keys().accepts(key))
                    .forEach(key -> problems.add(where + ": key " + key + " is not read by " + app.module()));
        }
        return problems;
    }

    /** The folder an additional-location value names, e.g. {@code optional:file:/config/} → {@code /config/}. */
    static List<String> configLocations(Map<String, String> env) {
        List<String> out = new ArrayList<>();
        for (String key : List.of("SPRING_CONFIG_ADDITIONAL_LOCATION", "SPRING_CONFIG_LOCATION",
                "SPRING_CONFIG_IMPORT")) {
            String value = env.get(key);
            if (value != null) {
                for (String location : value.split("[,;]")) {
                    out.add(location.trim().replaceFirst("^optional:", "").replaceFirst("^file:", ""));
                }
            }
        }
        return out;
    }

    static String slash(String path) {
        return path.endsWith("/") ? path : path + "/";
    }

    static boolean under(String path, String dir) {
        return slash(path).startsWith(slash(dir)) || Path.of(path).startsWith(Path.of(dir));
    }
}
