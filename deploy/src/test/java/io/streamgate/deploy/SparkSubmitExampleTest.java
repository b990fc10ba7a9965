package io.streamgate.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class SparkSubmitExampleTest {

    private static final String SCRIPT = "deploy/spark-submit/submit-standalone.sh";
    private static final Pattern DEFAULT = Pattern.compile("^([A-Z_]+)=\\$\\{\\1:-([^}]*)}$");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{?([A-Z_]+)(?::[?-][^}]*)?}?");

    @Test
    void submitsTheShadedJarsMainWithOptionsAndJobsTheAggregatorReads() throws IOException {
        Project project = Project.get();
        List<String> command = command(Files.readAllLines(project.root.resolve(SCRIPT)));
        int jar = -1;
        for (int i = 0; i < command.size(); i++) {
            if (command.get(i).endsWith(".jar")) {
                jar = i;
            }
        }
        assertThat(jar).as("%s: the application jar in the spark-submit command %s", SCRIPT, command).isPositive();
        assertThat(Aggregator.value(command.subList(0, jar), "--class")).as("%s: --class", SCRIPT)
                .contains(project.aggregator.mainClass());
        assertThat(command.get(jar)).as("%s: the jar", SCRIPT).endsWith("/" + project.aggregator.shadedJar());
        assertThat(project.root.resolve(command.get(jar)).getParent()).as("%s: the jar's folder", SCRIPT)
                .isEqualTo(project.root.resolve(Aggregator.MODULE).resolve("target"));
        List<String> args = command.subList(jar + 1, command.size());
        assertThat(project.aggregator.check(SCRIPT, args, new LinkedHashSet<>())).isEmpty();
        assertThat(Aggregator.value(args, "--bootstrap-servers")).as("%s: --bootstrap-servers", SCRIPT).isPresent();
        assertThat(Aggregator.value(args, "--lake")).as("%s: --lake", SCRIPT).isPresent();
        assertThat(Aggregator.value(args, "--checkpoints")).as("%s: --checkpoints", SCRIPT).isPresent();
    }

    /** The words of the exec'd spark-submit line, variables replaced by their defaults. */
    private static List<String> command(List<String> lines) {
        Map<String, String> defaults = new HashMap<>();
        StringBuilder exec = new StringBuilder();
        boolean inExec = false;
        for (String line : lines) {
            Matcher m = DEFAULT.matcher(line.trim());
            if (m.matches()) {
                defaults.put(m.group(1), m.group(2));
            }
            if (line.startsWith("exec ")) {
                inExec = true;
            }
            if (inExec) {
                exec.append(line.replaceFirst("\\\\$", "")).append(' ');
                inExec = line.endsWith("\\");
            }
        }
        List<String> words = new ArrayList<>();
        for (String word : exec.toString().trim().split("\\s+")) {
            String unquoted = word.replace("\"", "");
            Matcher ref = REFERENCE.matcher(unquoted);
            StringBuilder resolved = new StringBuilder();
            while (ref.find()) {
                ref.appendReplacement(resolved, Matcher.quoteReplacement(defaults.getOrDefault(ref.group(1), "")));
            }
            ref.appendTail(resolved);
            if (!resolved.isEmpty() && !word.startsWith("\"${supervise")) {
                words.add(resolved.toString());
            }
        }
        return words;
    }
}
