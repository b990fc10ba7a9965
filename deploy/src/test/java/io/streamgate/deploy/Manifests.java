package io.streamgate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/** The Kubernetes resources in deploy/k8s and deploy/kustomization.yaml, read once, with the lookups the checks use. */
final class Manifests {

    static final String KUSTOMIZATION = "deploy/kustomization.yaml";

    private static Manifests instance;

    final Project project;
    final JsonNode kustomization;
    /** Every resource in deploy/k8s, with the file it is in. */
    final List<Manifest> all = new ArrayList<>();

    record Manifest(String file, JsonNode doc) {
        String kind() {
            return doc.path("kind").asText();
        }

        String name() {
            return doc.path("metadata").path("name").asText();
        }

        String where() {
            return file + ": " + kind() + "/" + name();
        }
    }

    private Manifests(Project project) {
        this.project = project;
        this.kustomization = Yaml.documents(project.root.resolve(KUSTOMIZATION)).get(0);
        for (Path file : project.yamlFiles("k8s")) {
            Yaml.documents(file).forEach(doc -> all.add(new Manifest(project.relative(file), doc)));
        }
    }

    static synchronized Manifests get() {
        if (instance == null) {
            instance = new Manifests(Project.get());
        }
        return instance;
    }

    /** A container of a Deployment that runs a Spring app's image with the image's entrypoint. */
    record Container(String where, JsonNode spec, JsonNode pod, SpringApp app) {

        Container(String where, JsonNode spec, SpringApp app) {
            this(where, spec, null, app);
        }

        Map<String, String> env() {
            return Containers.env(spec.path("env"));
        }

        Map<String, Integer> ports() {
            Map<String, Integer> ports = new LinkedHashMap<>();
            for (JsonNode port : spec.path("ports")) {
                ports.put(port.path("name").asText(String.valueOf(port.path("containerPort").asInt())),
                        port.path("containerPort").asInt());
            }
            return ports;
        }

        /** A probe's or Service's port, by name or number, if the container opens it. */
        Integer port(JsonNode ref) {
            if (ref.isInt() || ref.asText().matches("\\d+")) {
                int number = ref.asInt();
                return ports().containsValue(number) ? number : null;
            }
            return ports().get(ref.asText());
        }
    }

    Map<String, Container> springContainers() {
        List.of(Project.GATEWAY, Project.POLLER).forEach(project::image);
        Map<String, Container> out = new LinkedHashMap<>();
        for (Manifest deployment : of("Deployment")) {
            JsonNode pod = deployment.doc().at("/spec/template/spec");
            for (JsonNode container : pod.path("containers")) {
                Optional<SpringApp> app = project.imageFor(container.path("image").asText())
                        .map(i -> project.springApp(i.module()));
                if (app.isPresent() && app.get() != null && !container.has("command")) {
                    String where = deployment.where() + ".containers." + container.path("name").asText();
                    out.put(where, new Container(where, container, pod, app.get()));
                }
            }
        }
        return out;
    }

    Manifest deploymentRunning(String module) {
        return of("Deployment").stream().filter(d -> {
            for (JsonNode c : d.doc().at("/spec/template/spec/containers")) {
                if (project.imageFor(c.path("image").asText()).filter(i -> i.module().equals(module)).isPresent()) {
                    return true;
                }
            }
            return false;
        }).findFirst().orElseThrow(() -> new AssertionError("deploy/k8s: no Deployment runs " + module));
    }

    List<String> sparkArguments() {
        return Project.texts(single("SparkApplication").doc().at("/spec/arguments"));
    }

    /** The YAML documents a ConfigMap carries, by where they come from: a generator's file, or inline data. */
    Map<String, List<JsonNode>> configMapDocs(String name) {
        Map<String, List<JsonNode>> docs = new LinkedHashMap<>();
        for (JsonNode generator : kustomization.path("configMapGenerator")) {
            if (generator.path("name").asText().equals(name)) {
                for (JsonNode file : generator.path("files")) {
                    String path = file.asText().contains("=") ? file.asText().split("=", 2)[1] : file.asText();
                    Path resolved = project.deploy().resolve(path);
                    assertThat(resolved).as("%s: configMapGenerator %s", KUSTOMIZATION, name).isRegularFile();
                    docs.put(project.relative(resolved), Yaml.documents(resolved));
                }
            }
        }
        for (Manifest configMap : of("ConfigMap")) {
            if (configMap.name().equals(name)) {
                configMap.doc().path("data").fields().forEachRemaining(e -> {
                    if (e.getKey().matches(".*\\.ya?ml")) {
                        try {
                            docs.put(configMap.where() + ".data." + e.getKey(),
                                    List.of(Yaml.YAML.readTree(e.getValue().asText())));
                        } catch (java.io.IOException ex) {
                            throw new java.io.UncheckedIOException(ex);
                        }
                    }
                });
            }
        }
        return docs;
    }

    boolean selects(JsonNode selector, JsonNode labels) {
        if (selector.isEmpty()) {
            return false;
        }
        var it = selector.fields();
        while (it.hasNext()) {
            var e = it.next();
            if (!labels.path(e.getKey()).asText().equals(e.getValue().asText())) {
                return false;
            }
        }
        return true;
    }

    List<Manifest> of(String kind) {
        return all.stream().filter(m -> m.kind().equals(kind)).toList();
    }

    Manifest single(String kind) {
        List<Manifest> found = of(kind);
        assertThat(found).as("deploy/k8s: resources of kind %s", kind).hasSize(1);
        return found.get(0);
    }
}
