package io.streamgate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** deploy/config/&lt;app&gt;/ holds configs for one app each: every key in them is one that app reads. */
class ExampleConfigsTest {

    @Test
    void everyKeyInTheExampleConfigsIsOneTheAppReads() {
        Project project = Project.get();
        Map<String, SpringApp> apps = Map.of("gateway", project.gateway, "poller", project.poller);
        List<String> problems = new ArrayList<>();
        for (Path file : project.yamlFiles("config")) {
            String folder = project.deploy().resolve("config").relativize(file).getName(0).toString();
            SpringApp app = apps.get(folder);
            if (app == null) {
                problems.add(project.relative(file) + ": deploy/config/" + folder + " names no app " + apps.keySet());
            } else {
                problems.addAll(Containers.unknownKeys(project.relative(file), app, Yaml.documents(file)));
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theExampleConfigsSetEveryKeyTheSourcesNeed() {
        Project project = Project.get();
        for (String folder : List.of("gateway", "poller")) {
            Path file = project.deploy().resolve("config").resolve(folder).resolve("application.yml");
            assertThat(Yaml.documents(file).stream().flatMap(d -> Yaml.flatten(d).keySet().stream())
                    .filter(k -> k.endsWith(".topic")).toList())
                    .as("%s: sources with a topic", project.relative(file)).isNotEmpty();
        }
    }
}
