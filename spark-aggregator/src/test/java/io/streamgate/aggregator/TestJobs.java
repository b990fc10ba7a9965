package io.streamgate.aggregator;

import io.streamgate.aggregator.job.JobLoader;
import io.streamgate.aggregator.job.JobSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The bundled job files, re-pointed at a test topic (and optionally edited), so tests run the real definitions. */
final class TestJobs {

    private TestJobs() {
    }

    static String bundledYaml(String name) {
        try (InputStream in = TestJobs.class.getClassLoader().getResourceAsStream("jobs/" + name + ".yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JobSpec bundled(String name, String topic, String... replacements) {
        String yaml = bundledYaml(name).replaceFirst("topics: \\[[^]]*]", "topics: [" + topic + "]");
        for (int i = 0; i < replacements.length; i += 2) {
            if (!yaml.contains(replacements[i])) {
                throw new IllegalArgumentException("not in " + name + ".yaml: " + replacements[i]);
            }
            yaml = yaml.replace(replacements[i], replacements[i + 1]);
        }
        return new JobLoader().parse(name + ".yaml (test)", yaml);
    }

    static AggregatorSettings settings(java.nio.file.Path dir) {
        return new AggregatorSettings(TestKafka.bootstrapServers(), dir.resolve("lake").toString(),
                dir.resolve("checkpoints").toString(), "earliest", java.time.Duration.ZERO, null);
    }
}
