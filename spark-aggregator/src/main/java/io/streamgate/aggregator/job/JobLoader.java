package io.streamgate.aggregator.job;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads job YAML files: bundled ones by name (resources {@code jobs/<name>.yaml}) or any file by path. Unknown keys,
 * wrong types and inconsistent values all fail with a {@link JobConfigException} naming the key.
 */
public final class JobLoader {

    public static final List<String> BUNDLED = List.of("mta-turnstile", "mta-turnstile-registers", "nyc-taxi");

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** Each reference is a bundled job name or a path to a YAML file. */
    public List<JobSpec> load(List<String> references) {
        List<JobSpec> jobs = new ArrayList<>();
        for (String reference : references) {
            jobs.add(BUNDLED.contains(reference) ? bundled(reference) : file(Path.of(reference)));
        }
        return jobs;
    }

    public JobSpec bundled(String name) {
        String resource = "jobs/" + name + ".yaml";
        try (InputStream in = JobLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new JobConfigException(resource, "name", "no bundled job " + name + " (bundled: " + BUNDLED + ")");
            }
            return parse(resource, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JobSpec file(Path path) {
        try {
            return parse(path.toString(), Files.readAllBytes(path));
        } catch (IOException e) {
            throw new JobConfigException(path.toString(), "(file)", "cannot read: " + e.getMessage(), e);
        }
    }

    public JobSpec parse(String source, String yamlText) {
        return parse(source, yamlText.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private JobSpec parse(String source, byte[] bytes) {
        JobSpec job;
        try {
            job = yaml.readValue(bytes, JobSpec.class);
        } catch (UnrecognizedPropertyException e) {
            throw new JobConfigException(source, keyOf(e), "unknown key", e);
        } catch (JsonMappingException e) {
            throw new JobConfigException(source, keyOf(e), e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new JobConfigException(source, "(file)", "not valid YAML: " + e.getMessage(), e);
        }
        if (job == null) {
            throw new JobConfigException(source, "(file)", "empty job file");
        }
        new JobValidator(source, job).validate();
        return job;
    }

    private static String keyOf(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining()).replaceFirst("^\\.", "");
    }
}
