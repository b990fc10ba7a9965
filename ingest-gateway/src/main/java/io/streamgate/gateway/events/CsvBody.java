package io.streamgate.gateway.events;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamgate.core.split.CsvSplitter;
import io.streamgate.core.split.MalformedBodyException;

/**
 * {@code text/csv} bodies: a record per row, its bytes as received. Columns come from the header row, which must
 * match the source's declared columns when it declares some, or else from the declared columns; every row must
 * have as many fields as there are columns. Record indexes count data rows (the header row excluded). The source's
 * {@code key} may name columns ({@code C/A,UNIT,SCP}): the key is then their values joined with {@code |}.
 */
final class CsvBody {

    static final String CONTENT_TYPE = "text/csv";

    private CsvBody() {
    }

    static List<Parsed> parse(EventRequest request) {
        EventsProperties events = request.events();
        List<CsvSplitter.Row> rows = CsvSplitter.split(request.body(), false).rows();
        List<String> columns = events.columns();
        if (hasHeader(request, rows)) {
            columns = columns(trimmed(rows.get(0)), events.columns());
            rows = rows.subList(1, rows.size());
        }
        List<String> keyColumns = keyColumns(request.source().properties().key(), columns);
        EventTime time = new EventTime(events.time());
        List<Parsed> parsed = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            CsvSplitter.Row row = rows.get(i);
            ObjectNode view = view(columns, row, i);
            String key = keyColumns.isEmpty() ? request.key(view) : key(keyColumns, view);
            OffsetDateTime at = time.ofRow(name -> view == null || !view.has(name) ? null : view.get(name).asText(),
                    i, request.receivedAt());
            parsed.add(new Parsed(request.record(request.recordId(i, row.raw()), at, CONTENT_TYPE, row.raw(), key,
                    Map.of()), view));
        }
        return parsed;
    }

    /**
     * The RFC 4180 {@code header} parameter of the request's media type wins, then the source's
     * {@code events.csv-header}; when neither says, the first row is the header if it names the declared columns
     * (in any order: a reordered header is then refused by {@link #columns}).
     */
    private static boolean hasHeader(EventRequest request, List<CsvSplitter.Row> rows) {
        if (rows.isEmpty()) {
            return false;
        }
        String parameter = request.contentType().getParameter("header");
        if (parameter != null) {
            return !"absent".equalsIgnoreCase(parameter);
        }
        Boolean configured = request.events().csvHeader();
        if (configured != null) {
            return configured;
        }
        List<String> declared = request.events().columns();
        return !declared.isEmpty() && Set.copyOf(trimmed(rows.get(0))).equals(Set.copyOf(declared));
    }

    private static List<String> trimmed(CsvSplitter.Row row) {
        return row.fields().stream().map(String::trim).toList();
    }

    private static List<String> columns(List<String> header, List<String> declared) {
        if (!declared.isEmpty() && !header.equals(declared)) {
            throw new MalformedBodyException("the header row " + header + " does not match the source's columns "
                    + declared, -1);
        }
        return header;
    }

    /** The key columns when the source's key names columns of this body; empty when it is something else. */
    private static List<String> keyColumns(String key, List<String> columns) {
        if (key.isBlank() || key.startsWith("/") || columns.isEmpty()) {
            return List.of();
        }
        List<String> names = List.of(key.split(",")).stream().map(String::trim).toList();
        return columns.containsAll(names) ? names : List.of();
    }

    private static ObjectNode view(List<String> columns, CsvSplitter.Row row, int index) {
        if (columns.isEmpty()) {
            return null;
        }
        List<String> fields = row.fields();
        if (fields.size() != columns.size()) {
            throw new MalformedBodyException("record " + index + " has " + fields.size() + " fields where the columns "
                    + "are " + columns.size(), index);
        }
        ObjectNode view = BulkJsonBody.JSON.createObjectNode();
        for (int c = 0; c < columns.size(); c++) {
            view.put(columns.get(c), fields.get(c));
        }
        return view;
    }

    private static String key(List<String> keyColumns, ObjectNode view) {
        List<String> values = new ArrayList<>(keyColumns.size());
        keyColumns.forEach(name -> values.add(view.get(name).asText()));
        return String.join("|", values);
    }
}
