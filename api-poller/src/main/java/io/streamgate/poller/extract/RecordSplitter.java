package io.streamgate.poller.extract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamgate.core.split.CsvSplitter;
import io.streamgate.core.split.JsonSplitter;
import io.streamgate.poller.source.FormatConfig;

/**
 * Splits a response body into records, each keeping its exact bytes (ingest-core's splitters), with field lookups:
 * for JSON a name starting with '/' is a JSON pointer, any other name a top-level field; for CSV a column name.
 */
public final class RecordSplitter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordSplitter() {
    }

    public static List<PolledRecord> split(FormatConfig format, byte[] body) {
        return switch (format.kind()) {
            case JSON -> json(JsonSplitter.select(body, format.records()));
            case NDJSON -> json(JsonSplitter.ndjson(body));
            case CSV -> csv(format, body);
        };
    }

    private static List<PolledRecord> json(List<byte[]> payloads) {
        List<PolledRecord> records = new ArrayList<>(payloads.size());
        for (byte[] payload : payloads) {
            JsonNode node = parse(payload);
            records.add(new PolledRecord(payload, name -> text(node, name)));
        }
        return records;
    }

    private static List<PolledRecord> csv(FormatConfig format, byte[] body) {
        CsvSplitter.Body split = CsvSplitter.split(body, format.header());
        List<String> names = format.header() ? split.header() : format.columns();
        List<PolledRecord> records = new ArrayList<>(split.rows().size());
        for (CsvSplitter.Row row : split.rows()) {
            Function<String, String> fields = name -> {
                int index = names.indexOf(name);
                return index >= 0 && index < row.fields().size() ? row.fields().get(index) : null;
            };
            records.add(new PolledRecord(row.raw(), fields));
        }
        return records;
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = name.startsWith("/") ? node.at(name) : node.get(name);
        if (value == null || value.isMissingNode() || value.isNull()) {
            return null;
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    static JsonNode parse(byte[] payload) {
        try {
            return JSON.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
