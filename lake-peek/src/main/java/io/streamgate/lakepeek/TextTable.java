package io.streamgate.lakepeek;

import java.util.ArrayList;
import java.util.List;

/** Rows as an aligned text table: a header, a rule, one line per row, NULL for a missing value. */
final class TextTable {

    private TextTable() {
    }

    static String render(List<String> header, List<List<String>> rows) {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
        }
        for (List<String> row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], cell(row.get(i)).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, header, widths);
        List<String> rule = new ArrayList<>();
        for (int width : widths) {
            rule.add("-".repeat(width));
        }
        line(out, rule, widths);
        rows.forEach(row -> line(out, row, widths));
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            String cell = cell(cells.get(i));
            line.append(i == 0 ? "" : " | ").append(cell).append(" ".repeat(widths[i] - cell.length()));
        }
        out.append(line.toString().stripTrailing()).append(System.lineSeparator());
    }

    private static String cell(String value) {
        return value == null ? "NULL" : value;
    }
}
