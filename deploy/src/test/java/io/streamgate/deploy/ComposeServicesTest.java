package io.streamgate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** docker-compose.yml against the apps: images, environment, ports, health checks, mounted configs, volumes. */
class ComposeServicesTest {

    private static final String FILE = Compose.FILE;

    private final Compose c = Compose.get();
    private final Project project = c.project;
    private final JsonNode services = c.services;
    private final JsonNode compose = c.compose;

    @Test
    void everyStreamgateImageIsOneJibBuildsAndEveryJibImageRuns() {
        List.of(Project.GATEWAY, Project.POLLER, Aggregator.MODULE).forEach(project::image);
        List<String> problems = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        services.fields().forEachRemaining(s -> {
            String image = s.getValue().path("image").asText();
            if (image.contains("streamgate/")) {
                project.imageFor(image).ifPresentOrElse(i -> used.add(i.module()), () -> problems.add(c.where(s.getKey())
                        + ": image " + image + " is none of the Jib images " + c.references()));
            }
        });
        project.images.keySet().stream().filter(m -> !used.contains(m))
                .forEach(m -> problems.add(FILE + ": no service runs the image of " + m));
        assertThat(problems).isEmpty();
    }

    @Test
    void springServicesSetOnlyEnvironmentVariablesTheAppReads() {
        List<String> problems = new ArrayList<>();
        c.springServices().forEach((name, app) -> problems.addAll(Containers.unknownEnv(c.where(name), app,
                c.env(name))));
        assertThat(problems).isEmpty();
    }

    @Test
    void springServicesPublishTheirPortsAndCheckReadinessOnTheManagementPort() {
        List<String> problems = new ArrayList<>();
        c.springServices().forEach((name, app) -> {
            Map<String, String> env = c.env(name);
            Set<Integer> published = c.containerPorts(services.path(name).path("ports"));
            for (int port : new LinkedHashSet<>(List.of(app.serverPort(env), app.managementPort(env)))) {
                if (!published.contains(port)) {
                    problems.add(c.where(name) + ".ports: " + app.module() + " listens on " + port
                            + ", which is not published " + published);
                }
            }
            String check = String.join(" ", Project.texts(services.path(name).path("healthcheck").path("test")));
            if (!check.contains("/actuator/health/readiness") || !check.contains(
                    String.valueOf(app.managementPort(env)))) {
                problems.add(c.where(name) + ".healthcheck: must ask /actuator/health/readiness on the management "
                        + "port " + app.managementPort(env) + ", not: " + check);
            }
            if (!app.probesEnabled(env)) {
                problems.add(c.where(name) + ".healthcheck: /actuator/health/readiness exists off Kubernetes only with "
                        + "management.endpoint.health.probes.enabled=true, which " + app.module() + " does not set");
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void configFilesMountedIntoSpringServicesUseOnlyKeysTheAppReads() {
        List<String> problems = new ArrayList<>();
        c.springServices().forEach((name, app) -> {
            List<String> locations = Containers.configLocations(c.env(name));
            for (JsonNode volume : services.path(name).path("volumes")) {
                String[] parts = volume.asText().split(":");
                Path source = project.root.resolve(parts[0]).normalize();
                if (parts[0].startsWith(".") && Files.isDirectory(source)) {
                    if (locations.stream().noneMatch(l -> Containers.under(l, parts[1]))) {
                        problems.add(c.where(name) + ".volumes: " + parts[1] + " is mounted but no "
                                + "SPRING_CONFIG_* location points at it: " + locations);
                    }
                    for (Path file : project.yamlFiles(source)) {
                        problems.addAll(Containers.unknownKeys(project.relative(file), app, Yaml.documents(file)));
                    }
                }
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void dependenciesAndNamedVolumesAreDeclared() {
        List<String> problems = new ArrayList<>();
        services.fields().forEachRemaining(s -> {
            JsonNode dependsOn = s.getValue().path("depends_on");
            List<String> targets = dependsOn.isArray() ? Project.texts(dependsOn) : new ArrayList<>();
            dependsOn.fieldNames().forEachRemaining(targets::add);
            targets.stream().filter(t -> !services.has(t))
                    .forEach(t -> problems.add(c.where(s.getKey()) + ".depends_on: no service " + t));
            for (JsonNode volume : s.getValue().path("volumes")) {
                String source = volume.asText().split(":")[0];
                if (!source.startsWith(".") && !source.startsWith("/") && !compose.path("volumes").has(source)) {
                    problems.add(c.where(s.getKey()) + ".volumes: named volume " + source + " is not declared");
                }
            }
            if (!s.getValue().has("healthcheck") && !s.getKey().endsWith("-init")) {
                problems.add(c.where(s.getKey()) + ": no healthcheck");
            }
        });
        assertThat(problems).isEmpty();
    }
}
