package io.streamgate.deploy;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What one Spring Boot app reads, taken from the app itself: the keys from its generated configuration metadata
 * (expanded through Map values and nested records by {@link BoundTypes}), the placeholders in its application*.yml,
 * Spring Boot's own keys, its ports and actuator exposure, and the topics its own config names.
 */
record SpringApp(String module, Path dir, PropertyNames keys, int serverPort, int managementPort,
                 Set<String> exposedEndpoints, boolean probesEnabled, Set<String> topics, List<JsonNode> config) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9._\\[\\]-]+)(?::[^}]*)?}");
    private static final String BOOT_METADATA = "META-INF/spring-configuration-metadata.json";

    /** Keys the JVM or the image reads, not Spring; allowed in any container's environment. */
    static final Set<String> NON_SPRING_ENV = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "TZ");

    static SpringApp read(Path root, String module) {
        Path dir = root.resolve(module);
        Path classes = dir.resolve("target/classes");
        Path metadata = classes.resolve(BOOT_METADATA);
        if (!Files.isRegularFile(metadata)) {
            fail("%s is missing: compile %s first (the reactor build does; alone: ./mvnw -q -o -pl %s compile)",
                    root.relativize(metadata), module, module);
        }
        PropertyNames keys = new PropertyNames().addAll(bootKeys());
        BoundTypes types = new BoundTypes(classes);
        Set<String> topics = new LinkedHashSet<>();
        for (JsonNode property : Yaml.json(metadata).path("properties")) {
            String name = property.path("name").asText();
            types.expand(name, property.path("type").asText("java.lang.String"), keys);
            if (isTopicKey(name) && property.has("defaultValue")) {
                topics.add(property.get("defaultValue").asText());
            }
        }
        List<JsonNode> docs = new ArrayList<>();
        for (Path yml : applicationYmls(dir)) {
            placeholders(yml).forEach(keys::add);
            docs.addAll(Yaml.documents(yml));
        }
        docs.forEach(doc -> topics.addAll(topicsIn(doc)));
        List<JsonNode> base = docs(dir.resolve("src/main/resources/application.yml"));
        int serverPort = Yaml.at(base, "server.port").map(JsonNode::asInt).orElse(8080);
        int managementPort = Yaml.at(base, "management.server.port").map(JsonNode::asInt).orElse(serverPort);
        Set<String> exposed = new LinkedHashSet<>();
        Yaml.at(base, "management.endpoints.web.exposure.include").ifPresent(include -> {
            if (include.isArray()) {
                include.forEach(e -> exposed.add(e.asText().trim()));
            } else {
                Arrays.stream(include.asText().split(",")).map(String::trim).forEach(exposed::add);
            }
        });
        // off the cluster, the liveness and readiness groups exist only when the app switches them on
        boolean probes = Yaml.at(base, "management.endpoint.health.probes.enabled").map(JsonNode::asBoolean)
                .orElse(false);
        return new SpringApp(module, dir, keys, serverPort, managementPort, Collections.unmodifiableSet(exposed),
                probes, Collections.unmodifiableSet(topics), List.copyOf(base));
    }

    /** Topic names set in a config document: values of keys named {@code topic} or {@code ...-topic}. */
    static Set<String> topicsIn(JsonNode doc) {
        Set<String> topics = new LinkedHashSet<>();
        Yaml.flatten(doc).forEach((key, value) -> {
            if (isTopicKey(key) && value.isTextual() && !value.asText().contains("${")) {
                topics.add(value.asText());
            }
        });
        return topics;
    }

    private static boolean isTopicKey(String key) {
        String last = key.substring(key.lastIndexOf('.') + 1);
        return last.equals("topic") || last.endsWith("-topic");
    }

    /** A setting of the app's own application.yml (profile-less documents). */
    java.util.Optional<JsonNode> setting(String key) {
        return Yaml.at(config, key);
    }

    boolean acceptsEnv(String name) {
        return NON_SPRING_ENV.contains(name) || keys.acceptsEnv(name);
    }

    /** The port an environment (compose service, pod) makes it listen on for the management endpoints. */
    int managementPort(java.util.Map<String, String> env) {
        String explicit = env.get("MANAGEMENT_SERVER_PORT");
        return explicit != null ? Integer.parseInt(explicit) : managementPort == serverPort ? serverPort(env)
                : managementPort;
    }

    /** Whether /actuator/health/liveness and /readiness answer outside Kubernetes, in this environment. */
    boolean probesEnabled(java.util.Map<String, String> env) {
        String explicit = env.get("MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED");
        return explicit != null ? Boolean.parseBoolean(explicit) : probesEnabled;
    }

    int serverPort(java.util.Map<String, String> env) {
        String explicit = env.get("SERVER_PORT");
        return explicit != null ? Integer.parseInt(explicit) : serverPort;
    }

    private static List<Path> applicationYmls(Path dir) {
        Path resources = dir.resolve("src/main/resources");
        if (!Files.isDirectory(resources)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(resources)) {
            return files.filter(f -> f.getFileName().toString().matches("application.*\\.ya?ml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<JsonNode> docs(Path yml) {
        return Files.isRegularFile(yml) ? Yaml.documents(yml) : List.of();
    }

    private static List<String> placeholders(Path yml) {
        try {
            Matcher m = PLACEHOLDER.matcher(Files.readString(yml));
            List<String> names = new ArrayList<>();
            while (m.find()) {
                names.add(m.group(1));
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PropertyNames bootKeys;

    /** Spring Boot's own keys, from the metadata inside the Boot jars on the test classpath. */
    static synchronized PropertyNames bootKeys() {
        if (bootKeys == null) {
            PropertyNames keys = new PropertyNames();
            try {
                for (URL url : Collections.list(SpringApp.class.getClassLoader().getResources(BOOT_METADATA))) {
                    try (var in = url.openStream()) {
                        for (JsonNode property : Yaml.JSON.readTree(in).path("properties")) {
                            String name = property.path("name").asText();
                            boolean map = JavaType.parse(property.path("type").asText("java.lang.String")).isMap();
                            keys.add(map ? name + ".**" : name);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (keys.patterns().isEmpty()) {
                fail("no Spring Boot configuration metadata on the test classpath");
            }
            bootKeys = keys;
        }
        return bootKeys;
    }
}
