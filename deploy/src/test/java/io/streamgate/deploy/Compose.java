package io.streamgate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/** docker-compose.yml, read once, with the lookups the checks use. */
final class Compose {

    static final String FILE = "docker-compose.yml";

    private static Compose instance;

    final Project project;
    final JsonNode compose;
    final JsonNode services;

    private Compose(Project project) {
        this.project = project;
        this.compose = Yaml.documents(project.root.resolve(FILE)).get(0);
        this.services = compose.path("services");
    }

    static synchronized Compose get() {
        if (instance == null) {
            instance = new Compose(Project.get());
        }
        return instance;
    }

    /** Services that run a Spring app's image with the image's own entrypoint. */
    Map<String, SpringApp> springServices() {
        List.of(Project.GATEWAY, Project.POLLER).forEach(project::image);
        Map<String, SpringApp> out = new LinkedHashMap<>();
        services.fields().forEachRemaining(s -> project.imageFor(s.getValue().path("image").asText())
                .map(i -> project.springApp(i.module()))
                .filter(app -> app != null && !s.getValue().has("entrypoint"))
                .ifPresent(app -> out.put(s.getKey(), app)));
        assertThat(out.values()).as("%s: services running the gateway and the poller", FILE)
                .contains(project.gateway, project.poller);
        return out;
    }

    Map<String, String> env(String service) {
        return Containers.env(services.path(service).path("environment"));
    }

    Set<Integer> containerPorts(JsonNode ports) {
        Set<Integer> out = new LinkedHashSet<>();
        for (JsonNode port : ports) {
            String text = port.isObject() ? port.path("target").asText() : port.asText();
            String container = text.substring(text.lastIndexOf(':') + 1).replaceFirst("/.*", "");
            out.add(Integer.parseInt(container));
        }
        return out;
    }

    String internalListener() {
        Map<String, String> kafka = env("kafka");
        String interBroker = kafka.get("KAFKA_INTER_BROKER_LISTENER_NAME");
        for (String listener : kafka.get("KAFKA_ADVERTISED_LISTENERS").split(",")) {
            if (listener.startsWith(interBroker + "://")) {
                return listener.substring(interBroker.length() + 3);
            }
        }
        throw new AssertionError(where("kafka") + ": no advertised listener named " + interBroker);
    }

    List<String> aggregatorJobs() {
        List<String> command = Project.texts(services.path("aggregator").path("command"));
        return List.of(Aggregator.value(command, "--jobs").orElse("").split(","));
    }

    int jarIndex(List<String> command) {
        for (int i = 0; i < command.size(); i++) {
            if (command.get(i).endsWith(".jar") && !command.get(i).startsWith("--")) {
                return i;
            }
        }
        return -1;
    }

    String references() {
        return project.images.values().stream().map(JibImages.Image::reference).toList().toString();
    }

    String where(String service) {
        return FILE + ": services." + service;
    }
}
