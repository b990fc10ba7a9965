package io.streamgate.gateway.events;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import io.streamgate.gateway.problem.GatewayException;
import io.streamgate.gateway.source.Source;
import io.streamgate.gateway.source.SourceKind;
import io.streamgate.gateway.source.SourceRegistry;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The sources' JSON Schemas, loaded once at start-up (a schema that cannot be read or compiled fails start-up,
 * naming its key). A request with any record that does not satisfy its source's schema is refused whole: the 400
 * lists the failing records by index with the reasons, up to {@value #LISTED} of them.
 */
@Component
class RecordSchemas {

    static final int LISTED = 100;

    private final Map<String, JsonSchema> schemas = new HashMap<>();

    RecordSchemas(SourceRegistry sources) {
        for (Source source : sources.all().values()) {
            Resource schema = source.properties().events().schema();
            if (source.properties().kind() == SourceKind.EVENTS && schema != null) {
                schemas.put(source.id(), load(source.id(), schema));
            }
        }
    }

    /** A check of one request's records against its source's schema, fed one record at a time. */
    Check check(String sourceId) {
        return new Check(schemas.get(sourceId));
    }

    static final class Check {

        private final JsonSchema schema;
        private final List<Map<String, Object>> errors = new ArrayList<>();
        private int invalid;

        private Check(JsonSchema schema) {
            this.schema = schema;
        }

        void record(int index, Parsed record) {
            if (schema == null) {
                return;
            }
            String reason = reason(schema, record.view());
            if (reason != null) {
                invalid++;
                if (errors.size() < LISTED) {
                    Map<String, Object> error = new LinkedHashMap<>();
                    error.put("index", index);
                    error.put("reason", reason);
                    errors.add(error);
                }
            }
        }

        /** Refuses the request if any of its {@code records} did not satisfy the schema. */
        void done(int records) {
            if (invalid > 0) {
                throw new GatewayException(HttpStatus.BAD_REQUEST, "Invalid records", invalid + " of " + records
                        + " records do not satisfy the source's schema; nothing of this request was stored.",
                        Map.of("invalid", invalid, "errors", errors));
            }
        }
    }

    private static String reason(JsonSchema schema, JsonNode view) {
        if (view == null) {
            return "the record is not JSON";
        }
        Set<ValidationMessage> messages = schema.validate(view);
        return messages.isEmpty() ? null
                : messages.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("; "));
    }

    private static JsonSchema load(String sourceId, Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            JsonNode node = BulkJsonBody.JSON.readTree(in);
            SpecVersion.VersionFlag version = SpecVersionDetector.detectOptionalVersion(node, false)
                    .orElse(SpecVersion.VersionFlag.V202012);
            JsonSchema schema = JsonSchemaFactory.getInstance(version).getSchema(node);
            schema.initializeValidators();
            return schema;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("streamgate.sources." + sourceId + ".events.schema: cannot load the "
                    + "JSON Schema " + resource + ": " + e.getMessage(), e);
        }
    }
}
