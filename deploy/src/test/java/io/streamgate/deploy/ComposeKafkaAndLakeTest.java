package io.streamgate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** docker-compose.yml against Kafka's and the lake's side: topics, bootstrap servers, the aggregator's command. */
class ComposeKafkaAndLakeTest {


    private final Compose c = Compose.get();
    private final Project project = c.project;
    private final JsonNode services = c.services;

    @Test
    void kafkaInitCreatesEveryTopicTheStackUses() {
        Set<String> created = new LinkedHashSet<>();
        Matcher m = Pattern.compile("--topic\\s+(\\S+)").matcher(String.join("\n",
                Project.texts(services.path("kafka-init").path("command"))));
        while (m.find()) {
            created.add(m.group(1));
        }
        Set<String> inUse = project.topicsInUse(c.aggregatorJobs());
        assertThat(created).as("%s: topics kafka-init creates", c.where("kafka-init")).containsAll(inUse);
    }

    @Test
    void topicsTheGatewayWritesTakeTheLargestRecordItSends() {
        long needed = project.gatewayMaxRequestSize().orElse(0);
        Pattern line = Pattern.compile("--topic\\s+(\\S+).*?(?:max\\.message\\.bytes=(\\d+))?\\s*$");
        List<String> problems = new ArrayList<>();
        for (String command : String.join("\n", Project.texts(services.path("kafka-init").path("command"))).split("\n")) {
            Matcher m = line.matcher(command);
            if (m.find() && project.gatewayTopics().contains(m.group(1))) {
                long max = m.group(2) == null ? Project.KAFKA_DEFAULT_MAX_MESSAGE_BYTES : Long.parseLong(m.group(2));
                if (max < needed) {
                    problems.add(c.where("kafka-init") + ": topic " + m.group(1) + " max.message.bytes=" + max
                            + ", below the gateway's spring.kafka.producer.properties.max.request.size " + needed);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void aggregatorRunsTheShadedJarWithOptionsAndJobsTheMainReads() {
        List<String> command = Project.texts(services.path("aggregator").path("command"));
        int jar = c.jarIndex(command);
        assertThat(jar).as("%s.command: the application jar", c.where("aggregator")).isPositive();
        assertThat(Aggregator.value(command.subList(0, jar), "--class")).as("%s: --class", c.where("aggregator"))
                .contains(project.aggregator.mainClass());
        JibImages.Image image = project.image(Aggregator.MODULE);
        assertThat(command.get(jar)).as("%s: the jar the aggregator image carries", c.where("aggregator"))
                .isIn(image.extraDirectories().stream().map(d -> Containers.slash(d) + project.aggregator.shadedJar())
                        .flatMap(path -> java.util.stream.Stream.of(path, "local://" + path)).toList());
        List<String> args = command.subList(jar + 1, command.size());
        assertThat(project.aggregator.check(c.where("aggregator") + ".command", args, new LinkedHashSet<>())).isEmpty();
        String lake = Aggregator.value(args, "--lake").orElse("");
        assertThat(lake).as("%s: --lake on MinIO", c.where("aggregator")).startsWith("s3a://");
        String bucket = lake.substring("s3a://".length()).split("/")[0];
        assertThat(String.join("\n", Project.texts(services.path("minio-init").path("command"))))
                .as("%s: creates the lake bucket %s", c.where("minio-init"), bucket).containsPattern(
                        "mc mb .*\\b\\w+/" + Pattern.quote(bucket) + "\\b");
    }

    @Test
    void everyKafkaClientUsesTheInternalListener() {
        String internal = c.internalListener();
        List<String> problems = new ArrayList<>();
        c.springServices().forEach((name, app) -> {
            String servers = c.env(name).get("SPRING_KAFKA_BOOTSTRAP_SERVERS");
            if (!internal.equals(servers)) {
                problems.add(c.where(name) + ": SPRING_KAFKA_BOOTSTRAP_SERVERS=" + servers + ", the broker's "
                        + "in-network listener is " + internal);
            }
        });
        List<String> command = Project.texts(services.path("aggregator").path("command"));
        Optional<String> servers = Aggregator.value(command.subList(c.jarIndex(command) + 1, command.size()),
                "--bootstrap-servers");
        if (!servers.equals(Optional.of(internal))) {
            problems.add(c.where("aggregator") + ": --bootstrap-servers " + servers.orElse("missing")
                    + ", the broker's in-network listener is " + internal);
        }
        assertThat(problems).isEmpty();
    }
}
