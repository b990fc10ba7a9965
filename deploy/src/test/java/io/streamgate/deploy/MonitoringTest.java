package io.streamgate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MonitoringTest {

    private static final String SCRAPE = "deploy/prometheus/prometheus.yml";
    private static final String DASHBOARD = "deploy/grafana/dashboards/streamgate.json";
    private static final Pattern SERIES = Pattern.compile("\\bstreamgate_[a-z0-9_]+");

    private static Project project;
    private static JsonNode services;

    @BeforeAll
    static void read() {
        project = Project.get();
        services = Yaml.documents(project.root.resolve("docker-compose.yml")).get(0).path("services");
    }

    @Test
    void prometheusScrapesEachServiceOnItsMetricsPortAndPath() {
        List<String> problems = new ArrayList<>();
        Map<String, String> scraped = new LinkedHashMap<>();
        for (JsonNode job : Yaml.documents(project.root.resolve(SCRAPE)).get(0).path("scrape_configs")) {
            String where = SCRAPE + ": job " + job.path("job_name").asText();
            String path = job.path("metrics_path").asText("/metrics");
            for (JsonNode target : job.at("/static_configs/0/targets")) {
                String[] hostPort = target.asText().split(":");
                JsonNode service = services.path(hostPort[0]);
                if (service.isMissingNode()) {
                    problems.add(where + ": target " + target.asText() + " is no compose service");
                    continue;
                }
                Expected expected = expected(hostPort[0], service);
                scraped.put(hostPort[0], expected.module());
                if (!expected.port().equals(hostPort[1]) || !expected.path().equals(path)) {
                    problems.add(where + ": scrapes " + target.asText() + path + ", " + expected.module()
                            + " serves its metrics at :" + expected.port() + expected.path());
                }
                if (expected.module().equals(Project.GATEWAY) && !job.has("basic_auth")) {
                    problems.add(where + ": the gateway's /actuator/prometheus needs the operator's basic_auth");
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(scraped.values()).as("%s: the services scraped", SCRAPE)
                .contains(Project.GATEWAY, Project.POLLER, Aggregator.MODULE);
    }

    @Test
    void kubernetesPodsAnnotateThePortAndPathTheirMetricsAreServedAt() {
        Manifests k8s = Manifests.get();
        List<String> problems = new ArrayList<>();
        for (Manifests.Manifest deployment : k8s.of("Deployment")) {
            JsonNode annotations = deployment.doc().at("/spec/template/metadata/annotations");
            k8s.springContainers().values().stream().filter(c -> c.where().startsWith(deployment.where() + "."))
                    .forEach(c -> expectAnnotations(problems, deployment.where() + ".spec.template", annotations,
                            String.valueOf(c.app().managementPort(c.env())), "/actuator/prometheus"));
        }
        Manifests.Manifest spark = k8s.single("SparkApplication");
        expectAnnotations(problems, spark.where() + ".spec.driver", spark.doc().at("/spec/driver/annotations"),
                Aggregator.value(k8s.sparkArguments(), "--metrics-port").orElse("9464"), "/metrics");
        assertThat(problems).isEmpty();
    }

    private static void expectAnnotations(List<String> problems, String where, JsonNode annotations, String port,
                                          String path) {
        Map<String, String> expected = Map.of("prometheus.io/scrape", "true", "prometheus.io/port", port,
                "prometheus.io/path", path);
        expected.forEach((key, value) -> {
            if (!annotations.path(key).asText().equals(value)) {
                problems.add(where + ".annotations: " + key + "=" + annotations.path(key).asText() + ", metrics are at :"
                        + port + path);
            }
        });
    }

    @Test
    void springAppsExposeThePrometheusEndpoint() {
        for (SpringApp app : List.of(project.gateway, project.poller)) {
            assertThat(app.exposedEndpoints()).as("%s/src/main/resources/application.yml: "
                    + "management.endpoints.web.exposure.include", app.module()).contains("prometheus", "health");
        }
    }

    @Test
    void dashboardQueriesOnlySeriesTheAppsExpose() {
        JsonNode dashboard = Yaml.json(project.root.resolve(DASHBOARD));
        Set<String> exposed = MetricNames.of(project.root, List.of(Project.GATEWAY, Project.POLLER,
                Aggregator.MODULE));
        List<String> problems = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher m = SERIES.matcher(target.path("expr").asText());
                while (m.find()) {
                    used.add(m.group());
                    if (!exposed.contains(m.group())) {
                        problems.add(DASHBOARD + ": panel \"" + panel.path("title").asText() + "\" queries "
                                + m.group() + ", which no app's meters produce");
                    }
                }
                if (!target.at("/datasource/uid").asText().equals(datasourceUid())) {
                    problems.add(DASHBOARD + ": panel \"" + panel.path("title").asText()
                            + "\" uses a datasource that is not provisioned");
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(used).as("%s: the series the brief asks for", DASHBOARD).contains(
                "streamgate_requests_received_total", "streamgate_requests_rejected_total",
                "streamgate_produce_latency_seconds_bucket", "streamgate_poller_records_total",
                "streamgate_poller_pages_total", "streamgate_input_rows_per_second",
                "streamgate_batch_duration_seconds", "streamgate_kafka_offsets_behind_latest");
    }

    private static String datasourceUid() {
        return Yaml.documents(project.deploy().resolve("grafana/provisioning/datasources/prometheus.yml")).get(0)
                .at("/datasources/0/uid").asText();
    }

    private record Expected(String module, String port, String path) {
    }

    private static Expected expected(String name, JsonNode service) {
        JibImages.Image image = project.imageFor(service.path("image").asText()).orElseThrow(
                () -> new AssertionError(SCRAPE + ": " + name + " runs none of our images"));
        SpringApp app = project.springApp(image.module());
        if (app != null) {
            Map<String, String> env = Containers.env(service.path("environment"));
            return new Expected(app.module(), String.valueOf(app.managementPort(env)), "/actuator/prometheus");
        }
        List<String> command = Project.texts(service.path("command"));
        return new Expected(image.module(), Aggregator.value(command, "--metrics-port").orElse("9464"), "/metrics");
    }
}
