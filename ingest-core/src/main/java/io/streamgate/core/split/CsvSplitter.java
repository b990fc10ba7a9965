package io.streamgate.core.split;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits an RFC 4180 CSV body into rows, keeping each row's bytes as received (without its line break) beside its
 * decoded fields. Quoted fields may hold commas, doubled quotes and line breaks.
 */
public final class CsvSplitter {

    /** One row: its exact bytes and its decoded fields. */
    public record Row(byte[] raw, List<String> fields) {
    }

    /** A split body: the header's fields (empty when the body has no header row) and the data rows. */
    public record Body(List<String> header, List<Row> rows) {
    }

    private CsvSplitter() {
    }

    public static Body split(byte[] body, boolean hasHeader) {
        List<Row> rows = new ArrayList<>();
        int pos = skipBom(body);
        while (pos < body.length) {
            int start = pos;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean wasQuoted = false;
            int fieldStart = pos;
            int end = -1;
            while (end < 0) {
                if (pos == body.length) {
                    if (quoted) {
                        throw new MalformedBodyException("row " + (rows.size() + 1) + " has an unterminated quote",
                                rows.size());
                    }
                    end = pos;
                    break;
                }
                byte b = body[pos];
                if (quoted) {
                    if (b == '"' && pos + 1 < body.length && body[pos + 1] == '"') {
                        pos += 2;
                        field.append('"');
                        continue;
                    }
                    if (b == '"') {
                        quoted = false;
                        pos++;
                        continue;
                    }
                    pos = appendUtf8(body, pos, field);
                    continue;
                }
                if (b == '"' && pos == fieldStart) {
                    quoted = true;
                    wasQuoted = true;
                    pos++;
                } else if (b == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                    wasQuoted = false;
                    fieldStart = ++pos;
                } else if (b == '\n' || b == '\r') {
                    end = pos;
                } else if (b == '"' || wasQuoted) {
                    throw new MalformedBodyException("row " + (rows.size() + 1) + " has a stray quote", rows.size());
                } else {
                    pos = appendUtf8(body, pos, field);
                }
            }
            fields.add(field.toString());
            pos = skipLineBreak(body, end);
            if (end > start) {
                rows.add(new Row(Arrays.copyOfRange(body, start, end), List.copyOf(fields)));
            }
        }
        if (!hasHeader) {
            return new Body(List.of(), rows);
        }
        if (rows.isEmpty()) {
            throw new MalformedBodyException("the body has no header row", -1);
        }
        return new Body(rows.get(0).fields(), List.copyOf(rows.subList(1, rows.size())));
    }

    private static int appendUtf8(byte[] body, int pos, StringBuilder field) {
        int b = body[pos] & 0xff;
        int length = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
        int end = Math.min(pos + length, body.length);
        field.append(new String(body, pos, end - pos, StandardCharsets.UTF_8));
        return end;
    }

    private static int skipLineBreak(byte[] body, int pos) {
        if (pos < body.length && body[pos] == '\r') {
            pos++;
        }
        if (pos < body.length && body[pos] == '\n') {
            pos++;
        }
        return pos;
    }

    private static int skipBom(byte[] body) {
        return body.length >= 3 && (body[0] & 0xff) == 0xef && (body[1] & 0xff) == 0xbb && (body[2] & 0xff) == 0xbf
                ? 3 : 0;
    }
}
