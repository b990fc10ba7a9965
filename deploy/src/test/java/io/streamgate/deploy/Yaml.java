package io.streamgate.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** Reading YAML (all documents of a file) and JSON, and flattening a document into Spring's dotted keys. */
final class Yaml {

    static final ObjectMapper YAML = new YAMLMapper();
    static final ObjectMapper JSON = new JsonMapper();

    private Yaml() {
    }

    static List<JsonNode> documents(Path file) {
        try (var parser = new YAMLFactory().createParser(file.toFile())) {
            List<JsonNode> docs = new ArrayList<>();
            YAML.readValues(parser, JsonNode.class).forEachRemaining(doc -> {
                if (doc != null && !doc.isMissingNode() && !doc.isNull()) {
                    docs.add(doc);
                }
            });
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
    }

    static JsonNode json(Path file) {
        try {
            return JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
    }

    /**
     * Dotted keys of every leaf: {@code a.b.c}; objects in lists get their index as a segment ({@code a.0.c}); a list
     * of scalars and an empty object are leaves.
     */
    static Map<String, JsonNode> flatten(JsonNode doc) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        flatten("", doc, out);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> out) {
        if (node.isObject() && !node.isEmpty()) {
            node.fields().forEachRemaining(e -> flatten(join(prefix, e.getKey()), e.getValue(), out));
        } else if (node.isArray() && node.size() > 0 && node.get(0).isContainerNode()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(join(prefix, String.valueOf(i)), node.get(i), out);
            }
        } else {
            out.put(prefix, node);
        }
    }

    private static String join(String prefix, String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
    }

    /** The value at a dotted path in the last document that sets it and is not for a profile only. */
    static Optional<JsonNode> at(List<JsonNode> docs, String dottedKey) {
        JsonNode found = null;
        for (JsonNode doc : docs) {
            Map<String, JsonNode> flat = flatten(doc);
            if (!flat.containsKey("spring.config.activate.on-profile") && flat.containsKey(dottedKey)) {
                found = flat.get(dottedKey);
            }
        }
        return Optional.ofNullable(found);
    }
}
