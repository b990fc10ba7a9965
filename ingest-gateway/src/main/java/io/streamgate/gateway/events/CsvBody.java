package io.streamgate.gateway.events;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamgate.core.contract.ContractRecord;
import io.streamgate.core.contract.KeySpec;
import io.streamgate.core.split.CsvSplitter;
import io.streamgate.core.split.MalformedBodyException;
import io.streamgate.core.split.TooManyRecordsException;

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

    static BodyRecords parse(EventRequest request) {
        int max = request.events().maxRecords();
        // one row more than the records: the first may be the header
        return each -> CsvSplitter.forEachRow(request.body(), max + 1, new Rows(request, max, each));
    }

    /** The rows of one pass: the first decides the header, every other becomes a record. */
    private static final class Rows implements Consumer<CsvSplitter.Row> {

        private final EventRequest request;
        private final int maxRecords;
        private final Consumer<Parsed> each;
        private final EventTime time;
        private List<String> columns;
        private Map<String, Integer> index;
        private List<String> keyColumns;
        private boolean viewForKey;
        private int next;

        Rows(EventRequest request, int maxRecords, Consumer<Parsed> each) {
            this.request = request;
            this.maxRecords = maxRecords;
            this.each = each;
            this.time = new EventTime(request.events().time());
        }

        @Override
        public void accept(CsvSplitter.Row row) {
            if (columns == null) {
                columns = request.events().columns();
                boolean header = hasHeader(request, row);
                if (header) {
                    columns = columns(trimmed(row), request.events().columns());
                }
                index = columnIndex(columns);
                keyColumns = keyColumns(request.source().properties().key(), columns);
                viewForKey = keyColumns.isEmpty() && request.source().key() instanceof KeySpec.Pointer;
                if (header) {
                    return;
                }
            }
            record(row);
        }

        private void record(CsvSplitter.Row row) {
            int i = next++;
            if (next > maxRecords) {
                throw new TooManyRecordsException(maxRecords);
            }
            requireColumns(columns, row, i);
            Function<String, String> column = name -> field(index, row, name);
            List<String> names = columns;
            Supplier<JsonNode> view = () -> view(names, row);
            JsonNode keyView = viewForKey ? view.get() : null;
            String key = keyColumns.isEmpty() ? request.key(keyView) : key(keyColumns, column);
            OffsetDateTime at = time.ofRow(column, i, request.receivedAt());
            ContractRecord record = request.record(request.recordId(i, row.raw()), at, CONTENT_TYPE, row.raw(), key,
                    Map.of());
            each.accept(keyView != null ? new Parsed(record, keyView) : Parsed.lazy(record, view));
        }
    }

    /**
     * The RFC 4180 {@code header} parameter of the request's media type wins, then the source's
     * {@code events.csv-header}; when neither says, a source without declared columns takes the first row as the
     * header (most CSV files start with one), and one with declared columns when the first row names them (in any
     * order: a reordered header is then refused by {@link #columns}).
     */
    private static boolean hasHeader(EventRequest request, CsvSplitter.Row first) {
        String parameter = request.contentType().getParameter("header");
        if (parameter != null) {
            return !"absent".equalsIgnoreCase(parameter);
        }
        Boolean configured = request.events().csvHeader();
        if (configured != null) {
            return configured;
        }
        List<String> declared = request.events().columns();
        return declared.isEmpty() || Set.copyOf(trimmed(first)).equals(Set.copyOf(declared));
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
