package io.streamgate.deploy;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the Spark aggregator accepts, read from its module: the main class, the {@code --options} its top-level
 * classes parse (string literals in the sources, so an option renamed there is renamed here), the bundled jobs
 * with the topics they read and write, and the name of the jar spark-submit runs.
 */
record Aggregator(String mainClass, Set<String> options, Map<String, Set<String>> jobTopics, String shadedJar) {

    static final String MODULE = "spark-aggregator";
    static final String MAIN_CLASS = "io.streamgate.aggregator.AggregatorMain";
    private static final Pattern OPTION = Pattern.compile("\"(--[a-z][a-z0-9-]*)\"");

    static Aggregator read(Path root, String version) {
        Path dir = root.resolve(MODULE);
        Path sources = dir.resolve("src/main/java/io/streamgate/aggregator");
        Path main = sources.resolve("AggregatorMain.java");
        if (!Files.isRegularFile(main)) {
            fail("%s is missing: the deployment files start %s", root.relativize(main), MAIN_CLASS);
        }
        Set<String> options = new LinkedHashSet<>();
        try (Stream<Path> files = Files.list(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = OPTION.matcher(Files.readString(file));
                while (m.find()) {
                    options.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Set<String>> jobs = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir.resolve("src/main/resources/jobs"))) {
            for (Path file : files.filter(f -> f.toString().matches(".*\\.ya?ml")).sorted().toList()) {
                JsonNode job = Yaml.documents(file).get(0);
                Set<String> topics = new LinkedHashSet<>();
                job.path("input").path("topics").forEach(t -> topics.add(t.asText()));
                JsonNode out = job.path("sinks").path("kafka").path("topic");
                if (out.isTextual()) {
                    topics.add(out.asText());
                }
                jobs.put(job.path("name").asText(), topics);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String classifier = Poms.text(dir.resolve("pom.xml"), "//plugin[artifactId='maven-shade-plugin']"
                + "//shadedClassifierName").orElse("spark-submit");
        return new Aggregator(MAIN_CLASS, options, jobs, MODULE + "-" + version + "-" + classifier + ".jar");
    }

    /**
     * Problems with one aggregator command line ({@code args} after the application jar): unknown options, unknown
     * jobs. Adds the topics of the jobs it runs to {@code topics}.
     */
    List<String> check(String where, List<String> args, Set<String> topics) {
        List<String> problems = new java.util.ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (option.startsWith("--") && !options.contains(option)) {
                problems.add(where + ": option " + option + " is not one the aggregator reads " + options);
            }
            if (option.equals("--jobs") && i + 1 < args.size()) {
                String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : args.get(i + 1);
                for (String job : value.split(",")) {
                    Set<String> jobTopics = jobTopics().get(job.trim());
                    if (jobTopics == null) {
                        problems.add(where + ": --jobs names " + job + ", not a bundled job " + jobTopics().keySet());
                    } else {
                        topics.addAll(jobTopics);
                    }
                }
            }
        }
        return problems;
    }

    /** The value of {@code option} in an aggregator command line, if present. */
    static java.util.Optional<String> value(List<String> args, String option) {
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals(option) && i + 1 < args.size()) {
                return java.util.Optional.of(args.get(i + 1));
            }
            if (args.get(i).startsWith(option + "=")) {
                return java.util.Optional.of(args.get(i).substring(option.length() + 1));
            }
        }
        return java.util.Optional.empty();
    }
}
