package io.streamgate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamgate.deploy.Manifests.Container;
import io.streamgate.deploy.Manifests.Manifest;
import org.junit.jupiter.api.Test;

/** deploy/k8s against the apps: images, ports, probes, environment, ConfigMaps, Services, autoscaling. */
class KubernetesAppsTest {

    private static final String KUSTOMIZATION = Manifests.KUSTOMIZATION;

    private final Manifests k8s = Manifests.get();
    private final Project project = k8s.project;
    private final JsonNode kustomization = k8s.kustomization;
    private final List<Manifest> manifests = k8s.all;

    @Test
    void kustomizationAppliesEveryManifestInK8sFolder() {
        Set<String> listed = new LinkedHashSet<>(Project.texts(kustomization.path("resources")));
        List<String> missing = project.yamlFiles("k8s").stream()
                .filter(f -> f.getParent().equals(project.deploy().resolve("k8s")))
                .map(f -> project.deploy().relativize(f).toString()).filter(f -> !listed.contains(f)).toList();
        assertThat(missing).as("%s: resources", KUSTOMIZATION).isEmpty();
        listed.forEach(f -> assertThat(project.deploy().resolve(f)).as("%s: resources", KUSTOMIZATION).exists());
    }

    @Test
    void everyStreamgateImageIsOneJibBuilds() {
        List<String> problems = new ArrayList<>();
        for (Manifest manifest : manifests) {
            List<JsonNode> images = new ArrayList<>(manifest.doc().findValues("image"));
            for (JsonNode image : images) {
                if (image.isTextual() && image.asText().contains("streamgate/")
                        && project.imageFor(image.asText()).isEmpty()) {
                    problems.add(manifest.where() + ": image " + image.asText() + " is none of the Jib images "
                            + project.images.values().stream().map(JibImages.Image::reference).toList());
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void springDeploymentsRunTheJibImagesAndOpenTheAppsPorts() {
        List<String> problems = new ArrayList<>();
        Map<String, SpringApp> found = new LinkedHashMap<>();
        k8s.springContainers().forEach((where, c) -> {
            found.put(c.app().module(), c.app());
            Set<Integer> open = c.ports().values().stream().collect(java.util.stream.Collectors.toSet());
            for (int port : new LinkedHashSet<>(List.of(c.app().serverPort(c.env()), c.app().managementPort(c.env())))) {
                if (!open.contains(port)) {
                    problems.add(where + ".ports: " + c.app().module() + " listens on " + port
                            + ", not a containerPort " + open);
                }
            }
        });
        assertThat(found.keySet()).as("deploy/k8s: Deployments running the Spring apps")
                .contains(Project.GATEWAY, Project.POLLER);
        assertThat(problems).isEmpty();
    }

    @Test
    void probesAskTheActuatorLivenessAndReadinessGroupsOnTheManagementPort() {
        List<String> problems = new ArrayList<>();
        k8s.springContainers().forEach((where, c) -> {
            int management = c.app().managementPort(c.env());
            Map<String, String> expected = Map.of("livenessProbe", "/actuator/health/liveness",
                    "readinessProbe", "/actuator/health/readiness", "startupProbe", "/actuator/health/liveness");
            expected.forEach((probe, path) -> {
                JsonNode get = c.spec().path(probe).path("httpGet");
                if (get.isMissingNode()) {
                    if (!probe.equals("startupProbe")) {
                        problems.add(where + "." + probe + ": missing (an httpGet on " + path + ")");
                    }
                    return;
                }
                if (!get.path("path").asText().equals(path)) {
                    problems.add(where + "." + probe + ".httpGet.path: " + get.path("path").asText()
                            + ", the actuator group is " + path);
                }
                Integer port = c.port(get.path("port"));
                if (port == null || port != management) {
                    problems.add(where + "." + probe + ".httpGet.port: " + get.path("port").asText()
                            + " is not the management port " + management);
                }
            });
            if (!c.app().exposedEndpoints().isEmpty() && !c.app().exposedEndpoints().contains("health")) {
                problems.add(where + ": " + c.app().module() + " does not expose the health endpoint");
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void springContainersSetOnlyEnvironmentVariablesTheAppReads() {
        List<String> problems = new ArrayList<>();
        k8s.springContainers().forEach((where, c) -> problems.addAll(Containers.unknownEnv(where + ".env", c.app(),
                c.env())));
        assertThat(problems).isEmpty();
    }

    @Test
    void configMapsMountedIntoSpringContainersUseOnlyKeysTheAppReads() {
        List<String> problems = new ArrayList<>();
        k8s.springContainers().forEach((where, c) -> {
            Map<String, String> volumeToConfigMap = new LinkedHashMap<>();
            for (JsonNode volume : c.pod().path("volumes")) {
                if (volume.has("configMap")) {
                    volumeToConfigMap.put(volume.path("name").asText(), volume.path("configMap").path("name").asText());
                }
            }
            List<String> locations = Containers.configLocations(c.env());
            for (JsonNode mount : c.spec().path("volumeMounts")) {
                String configMap = volumeToConfigMap.get(mount.path("name").asText());
                if (configMap == null) {
                    continue;
                }
                String mountPath = mount.path("mountPath").asText();
                if (locations.stream().noneMatch(l -> Containers.under(l, mountPath))) {
                    problems.add(where + ".volumeMounts: ConfigMap " + configMap + " at " + mountPath
                            + " is read by no SPRING_CONFIG_* location " + locations);
                }
                Map<String, List<JsonNode>> docs = k8s.configMapDocs(configMap);
                if (docs.isEmpty()) {
                    problems.add(where + ": ConfigMap " + configMap + " is neither in deploy/k8s nor generated by "
                            + KUSTOMIZATION);
                }
                docs.forEach((from, yaml) -> problems.addAll(Containers.unknownKeys(from, c.app(), yaml)));
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void servicesSelectPodsAndTargetPortsTheyOpen() {
        List<String> problems = new ArrayList<>();
        for (Manifest service : k8s.of("Service")) {
            JsonNode selector = service.doc().path("spec").path("selector");
            List<Manifest> targets = k8s.of("Deployment").stream().filter(d -> k8s.selects(selector,
                    d.doc().path("spec").path("template").path("metadata").path("labels"))).toList();
            if (targets.isEmpty()) {
                problems.add(service.where() + ".spec.selector: selects no Deployment's pods");
            }
            for (JsonNode port : service.doc().path("spec").path("ports")) {
                JsonNode target = port.has("targetPort") ? port.path("targetPort") : port.path("port");
                for (Manifest deployment : targets) {
                    boolean open = false;
                    for (JsonNode container : deployment.doc().at("/spec/template/spec/containers")) {
                        open |= new Container(deployment.where(), container, null).port(target) != null;
                    }
                    if (!open) {
                        problems.add(service.where() + ".spec.ports: targetPort " + target.asText()
                                + " is no containerPort of " + deployment.where());
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void gatewayScalesOnCpuWithRequestsToMeasureAgainst() {
        Manifest gateway = k8s.deploymentRunning(Project.GATEWAY);
        List<Manifest> autoscalers = k8s.of("HorizontalPodAutoscaler").stream()
                .filter(h -> h.doc().at("/spec/scaleTargetRef/kind").asText().equals("Deployment")
                        && h.doc().at("/spec/scaleTargetRef/name").asText().equals(gateway.name())).toList();
        assertThat(autoscalers).as("a HorizontalPodAutoscaler for %s", gateway.where()).hasSize(1);
        JsonNode hpa = autoscalers.get(0).doc();
        assertThat(hpa.at("/spec/minReplicas").asInt()).as("%s: minReplicas", autoscalers.get(0).where())
                .isGreaterThanOrEqualTo(2);
        for (JsonNode container : gateway.doc().at("/spec/template/spec/containers")) {
            assertThat(container.at("/resources/requests/cpu").asText()).as("%s: containers.%s.resources.requests.cpu"
                    + " (the HPA's utilization is relative to it)", gateway.where(), container.path("name").asText())
                    .isNotEmpty();
        }
    }
}
