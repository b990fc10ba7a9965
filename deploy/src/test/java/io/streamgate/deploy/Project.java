package io.streamgate.deploy;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

/** The repository as the checks see it: where things are, and the apps' truth, read once per test JVM. */
final class Project {

    static final String GATEWAY = "ingest-gateway";
    static final String POLLER = "api-poller";

    private static Project instance;

    final Path root;
    final String version;
    final SpringApp gateway;
    final SpringApp poller;
    final Aggregator aggregator;
    final Map<String, JibImages.Image> images;

    private Project(Path root, String version) {
        this.root = root;
        this.version = version;
        this.gateway = SpringApp.read(root, GATEWAY);
        this.poller = SpringApp.read(root, POLLER);
        this.aggregator = Aggregator.read(root, version);
        this.images = JibImages.read(root, version, List.of(GATEWAY, POLLER, Aggregator.MODULE));
    }

    static synchronized Project get() {
        if (instance == null) {
            Path root = Path.of(System.getProperty("streamgate.root", "..")).toAbsolutePath().normalize();
            String version = System.getProperty("streamgate.version",
                    Poms.text(root.resolve("pom.xml"), "/project/version").orElseThrow());
            instance = new Project(root, version);
        }
        return instance;
    }

    Path deploy() {
        return root.resolve("deploy");
    }

    String relative(Path file) {
        return root.relativize(file.toAbsolutePath().normalize()).toString();
    }

    /** Every YAML file under {@code deploy/<folder>}. */
    List<Path> yamlFiles(String folder) {
        return yamlFiles(deploy().resolve(folder));
    }

    List<Path> yamlFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            fail("%s is missing", relative(dir));
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().matches(".*\\.ya?ml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Jib image of {@code module}; fails naming where it should be configured. */
    JibImages.Image image(String module) {
        JibImages.Image image = images.get(module);
        if (image == null) {
            fail("no jib-maven-plugin <to><image> applies to %s: neither pom.xml (its build, or a profile whose file "
                    + "activation holds for %s) nor %s/pom.xml configures one", module, module, module);
        }
        return image;
    }

    /** The app an image reference names, if it is one of ours. */
    java.util.Optional<JibImages.Image> imageFor(String reference) {
        return images.values().stream().filter(i -> i.matches(reference)).findFirst();
    }

    SpringApp springApp(String module) {
        return switch (module) {
            case GATEWAY -> gateway;
            case POLLER -> poller;
            default -> null;
        };
    }

    /** Topics the example configs in deploy/config name, with the file that names each. */
    Map<String, String> exampleConfigTopics() {
        Map<String, String> topics = new java.util.LinkedHashMap<>();
        for (Path file : yamlFiles("config")) {
            for (JsonNode doc : Yaml.documents(file)) {
                SpringApp.topicsIn(doc).forEach(t -> topics.putIfAbsent(t, relative(file)));
            }
        }
        return topics;
    }

    /** The topics the gateway writes: its own config's and the example config's for it. */
    Set<String> gatewayTopics() {
        Set<String> topics = new LinkedHashSet<>(gateway.topics());
        for (Path file : yamlFiles(deploy().resolve("config/gateway"))) {
            Yaml.documents(file).forEach(doc -> topics.addAll(SpringApp.topicsIn(doc)));
        }
        return topics;
    }

    /**
     * The largest record the gateway's producer may send, if it raises Kafka's default: the topics it writes must
     * take it ({@code max.message.bytes}), or the broker refuses the record.
     */
    java.util.OptionalLong gatewayMaxRequestSize() {
        return gateway.setting("spring.kafka.producer.properties.max.request.size")
                .map(v -> java.util.OptionalLong.of(v.asLong())).orElse(java.util.OptionalLong.empty());
    }

    /** Kafka's default max.message.bytes of a topic. */
    static final long KAFKA_DEFAULT_MAX_MESSAGE_BYTES = 1048588;

    /** Every topic something in the deployment produces to or consumes from. */
    Set<String> topicsInUse(List<String> aggregatorJobs) {
        Set<String> topics = new LinkedHashSet<>(exampleConfigTopics().keySet());
        topics.addAll(gateway.topics());
        topics.addAll(poller.topics());
        aggregatorJobs.forEach(job -> topics.addAll(aggregator.jobTopics().getOrDefault(job, Set.of())));
        return topics;
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
