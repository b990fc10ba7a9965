package io.streamgate.gateway.events;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamgate.core.contract.ContractRecord;
import io.streamgate.core.contract.KeySpec;
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
        Map<String, Integer> index = columnIndex(columns);
        List<String> keyColumns = keyColumns(request.source().properties().key(), columns);
        boolean viewForKey = keyColumns.isEmpty() && request.source().key() instanceof KeySpec.Pointer;
        EventTime time = new EventTime(events.time());
        List<Parsed> parsed = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            CsvSplitter.Row row = rows.get(i);
            requireColumns(columns, row, i);
            Function<String, String> column = name -> field(index, row, name);
            List<String> names = columns;
            Supplier<JsonNode> view = () -> view(names, row);
            JsonNode keyView = viewForKey ? view.get() : null;
            String key = keyColumns.isEmpty() ? request.key(keyView) : key(keyColumns, column);
            OffsetDateTime at = time.ofRow(column, i, request.receivedAt());
            ContractRecord record = request.record(request.recordId(i, row.raw()), at, CONTENT_TYPE, row.raw(), key,
                    Map.of());
            parsed.add(keyView != null ? new Parsed(record, keyView) : Parsed.lazy(record, view));
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

    /** Where each column is in a row; a name given twice is the last of them, as in the row's JSON view. */
    private static Map<String, Integer> columnIndex(List<String> columns) {
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < columns.size(); c++) {
            index.put(columns.get(c), c);
        }
        return index;
    }

    /** The row's text in the named column, or null when there is no such column; decodes only that field. */
    private static String field(Map<String, Integer> index, CsvSplitter.Row row, String name) {
        Integer c = index.get(name);
        return c == null ? null : row.field(c);
    }

    private static void requireColumns(List<String> columns, CsvSplitter.Row row, int index) {
        if (!columns.isEmpty() && row.size() != columns.size()) {
            throw new MalformedBodyException("record " + index + " has " + row.size() + " fields where the columns "
                    + "are " + columns.size(), index);
        }
    }

    /** The row as an object of column name to text (null without columns), for schemas and JSON-pointer keys. */
    private static ObjectNode view(List<String> columns, CsvSplitter.Row row) {
        if (columns.isEmpty()) {
            return null;
        }
        ObjectNode view = BulkJsonBody.JSON.createObjectNode();
        for (int c = 0; c < columns.size(); c++) {
            view.put(columns.get(c), row.field(c));
        }
        return view;
    }

    private static String key(List<String> keyColumns, Function<String, String> column) {
        List<String> values = new ArrayList<>(keyColumns.size());
        keyColumns.forEach(name -> values.add(column.apply(name)));
        return String.join("|", values);
    }
}
