package io.streamgate.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.w3c.dom.Document;
import org.w3c.dom.Node;

/**
 * The images Jib builds, read from the poms: a module's own jib-maven-plugin configuration, and the root pom's,
 * in its build or in profiles whose file activation holds for that module. {@code ${project.artifactId}} and
 * {@code ${project.version}} are resolved per module.
 */
final class JibImages {

    /** One module's image: repository without tag, the tags, and what the container declares. */
    record Image(String module, String repository, Set<String> tags, Set<Integer> ports, Optional<String> mainClass,
                 List<String> extraDirectories, List<String> jvmFlags) {

        boolean matches(String reference) {
            int colon = reference.lastIndexOf(':');
            String repo = colon > reference.lastIndexOf('/') ? reference.substring(0, colon) : reference;
            String tag = colon > reference.lastIndexOf('/') ? reference.substring(colon + 1) : "latest";
            return repo.equals(repository) && tags.contains(tag);
        }

        String reference() {
            return repository + ":" + tags.iterator().next();
        }
    }

    private JibImages() {
    }

    static Map<String, Image> read(Path root, String version, List<String> modules) {
        Document rootPom = Poms.parse(root.resolve("pom.xml"));
        Map<String, Image> images = new LinkedHashMap<>();
        for (String module : modules) {
            Path dir = root.resolve(module);
            List<Node> configs = new ArrayList<>();
            configs.addAll(Poms.nodes(rootPom, "/project/build//plugin[artifactId='jib-maven-plugin']/configuration"));
            for (Node profile : Poms.nodes(rootPom, "/project/profiles/profile")) {
                if (fileActivationHolds(profile, dir)) {
                    configs.addAll(Poms.nodes(profile, "build//plugin[artifactId='jib-maven-plugin']/configuration"));
                }
            }
            configs.addAll(Poms.nodes(Poms.parse(dir.resolve("pom.xml")),
                    "/project/build//plugin[artifactId='jib-maven-plugin']/configuration"));
            image(module, version, configs).ifPresent(image -> images.put(module, image));
        }
        return images;
    }

    private static Optional<Image> image(String module, String version, List<Node> configs) {
        String to = null;
        Set<String> tags = new LinkedHashSet<>();
        Set<Integer> ports = new LinkedHashSet<>();
        Optional<String> mainClass = Optional.empty();
        List<String> extra = new ArrayList<>();
        List<String> jvmFlags = new ArrayList<>();
        for (Node config : configs) {
            Optional<String> image = Poms.text(config, "to/image");
            if (image.isPresent()) {
                to = resolve(image.get(), module, version);
            }
            Poms.nodes(config, "to/tags/tag").forEach(t -> tags.add(resolve(t.getTextContent().trim(), module, version)));
            Poms.nodes(config, "container/ports/port").forEach(p -> ports.add(Integer.parseInt(p.getTextContent().trim())));
            Optional<String> main = Poms.text(config, "container/mainClass");
            if (main.isPresent()) {
                mainClass = main;
            }
            Poms.nodes(config, "extraDirectories/paths/path/into").forEach(p -> extra.add(p.getTextContent().trim()));
            Poms.nodes(config, "container/jvmFlags/jvmFlag").forEach(f -> jvmFlags.add(f.getTextContent().trim()));
        }
        if (to == null) {
            return Optional.empty();
        }
        int colon = to.lastIndexOf(':');
        String repository = to;
        if (colon > to.lastIndexOf('/')) {
            repository = to.substring(0, colon);
            tags.add(to.substring(colon + 1));
        } else if (tags.isEmpty()) {
            tags.add("latest");
        }
        Set<String> ordered = new LinkedHashSet<>();
        if (colon > to.lastIndexOf('/')) {
            ordered.add(to.substring(colon + 1));
        }
        ordered.addAll(tags);
        return Optional.of(new Image(module, repository, ordered, ports, mainClass, extra, jvmFlags));
    }

    /** Maven 3 evaluates a parent's file activation against the module being built: so do we. */
    private static boolean fileActivationHolds(Node profile, Path moduleDir) {
        Optional<String> exists = Poms.text(profile, "activation/file/exists");
        Optional<String> missing = Poms.text(profile, "activation/file/missing");
        if (exists.isEmpty() && missing.isEmpty()) {
            return true; // not tied to one module: its configuration applies to each
        }
        return exists.map(p -> Files.exists(path(p, moduleDir))).orElse(true)
                && missing.map(p -> !Files.exists(path(p, moduleDir))).orElse(true);
    }

    private static Path path(String activation, Path moduleDir) {
        return Path.of(activation.replace("${project.basedir}", moduleDir.toString())
                .replace("${basedir}", moduleDir.toString()));
    }

    private static String resolve(String value, String module, String version) {
        return value.replace("${project.artifactId}", module).replace("${project.version}", version);
    }
}
