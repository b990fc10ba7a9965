package io.streamgate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamgate.deploy.Manifests.Manifest;
import org.junit.jupiter.api.Test;

/** deploy/k8s against Kafka's and Spark's side: topics, bootstrap servers, the SparkApplication. */
class KubernetesKafkaAndSparkTest {

    private final Manifests k8s = Manifests.get();
    private final Project project = k8s.project;

    @Test
    void everyTopicInUseIsAKafkaTopicOfTheStrimziCluster() {
        Manifest kafka = k8s.single("Kafka");
        Set<String> topics = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        for (Manifest topic : k8s.of("KafkaTopic")) {
            topics.add(topic.doc().at("/spec/topicName").asText(topic.name()));
            String cluster = topic.doc().at("/metadata/labels/strimzi.io~1cluster").asText();
            if (!cluster.equals(kafka.name())) {
                problems.add(topic.where() + ": label strimzi.io/cluster=" + cluster + ", the cluster is "
                        + kafka.name());
            }
        }
        for (Manifest pool : k8s.of("KafkaNodePool")) {
            if (!pool.doc().at("/metadata/labels/strimzi.io~1cluster").asText().equals(kafka.name())) {
                problems.add(pool.where() + ": label strimzi.io/cluster is not " + kafka.name());
            }
        }
        assertThat(problems).isEmpty();
        assertThat(topics).as("deploy/k8s: KafkaTopics").containsAll(project.topicsInUse(
                List.of(Aggregator.value(k8s.sparkArguments(), "--jobs").orElse("").split(","))));
    }

    @Test
    void topicsTheGatewayWritesTakeTheLargestRecordItSends() {
        long needed = project.gatewayMaxRequestSize().orElse(0);
        List<String> problems = new ArrayList<>();
        for (Manifest topic : k8s.of("KafkaTopic")) {
            String name = topic.doc().at("/spec/topicName").asText(topic.name());
            JsonNode configured = topic.doc().at("/spec/config/max.message.bytes");
            long max = configured.isMissingNode() ? Project.KAFKA_DEFAULT_MAX_MESSAGE_BYTES : configured.asLong();
            if (project.gatewayTopics().contains(name) && max < needed) {
                problems.add(topic.where() + ": spec.config.max.message.bytes=" + max + ", below the gateway's "
                        + "spring.kafka.producer.properties.max.request.size " + needed);
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void kafkaClientsUseTheStrimziBootstrapServiceOnAPlainListener() {
        Manifest kafka = k8s.single("Kafka");
        Set<String> accepted = new LinkedHashSet<>();
        for (JsonNode listener : kafka.doc().at("/spec/kafka/listeners")) {
            if (listener.path("type").asText().equals("internal") && !listener.path("tls").asBoolean()) {
                accepted.add(kafka.name() + "-kafka-bootstrap:" + listener.path("port").asInt());
            }
        }
        List<String> problems = new ArrayList<>();
        k8s.springContainers().forEach((where, c) -> {
            String servers = c.env().get("SPRING_KAFKA_BOOTSTRAP_SERVERS");
            if (!accepted.contains(servers)) {
                problems.add(where + ".env: SPRING_KAFKA_BOOTSTRAP_SERVERS=" + servers + ", expected one of "
                        + accepted);
            }
        });
        String servers = Aggregator.value(k8s.sparkArguments(), "--bootstrap-servers").orElse("missing");
        if (!accepted.contains(servers)) {
            problems.add(k8s.single("SparkApplication").where() + ".arguments: --bootstrap-servers " + servers
                    + ", expected one of " + accepted);
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void sparkApplicationRunsTheAggregatorJarFromItsImageWithOptionsTheMainReads() {
        Manifest app = k8s.single("SparkApplication");
        JsonNode spec = app.doc().path("spec");
        JibImages.Image image = project.image(Aggregator.MODULE);
        assertThat(image.matches(spec.path("image").asText())).as("%s.spec.image %s is the Jib image %s",
                app.where(), spec.path("image").asText(), image.reference()).isTrue();
        assertThat(spec.path("mainClass").asText()).as("%s.spec.mainClass", app.where())
                .isEqualTo(project.aggregator.mainClass());
        assertThat(spec.path("mainApplicationFile").asText()).as("%s.spec.mainApplicationFile", app.where())
                .isIn(image.extraDirectories().stream()
                        .map(d -> "local://" + Containers.slash(d) + project.aggregator.shadedJar()).toList());
        assertThat(spec.path("sparkVersion").asText()).as("%s.spec.sparkVersion", app.where())
                .isEqualTo(Poms.text(project.root.resolve("pom.xml"), "/project/properties/spark.version").orElseThrow());
        assertThat(project.aggregator.check(app.where() + ".spec.arguments", k8s.sparkArguments(), new LinkedHashSet<>()))
                .isEmpty();
        assertThat(Aggregator.value(k8s.sparkArguments(), "--lake")).as("%s: --lake on object storage", app.where())
                .hasValueSatisfying(lake -> assertThat(lake).startsWith("s3a://"));
    }
}
