package io.streamgate.core.split;

import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Splits an RFC 4180 CSV body into rows, keeping each row's bytes as received (without its line break) and where
 * each of its fields lies in them. Quoted fields may hold commas, doubled quotes and line breaks. Splitting works on
 * bytes only (in UTF-8 no byte of a multi-byte character is a comma, quote or line break); a field becomes text
 * only when it is asked for, as most callers need a few columns of a row, if any.
 */
public final class CsvSplitter {

    /** One row: its exact bytes, and its fields, decoded on first use. */
    public static final class Row {

        private final byte[] raw;
        private final int[] bounds;
        private String[] decoded;

        /** {@code bounds}: start and end, in {@code raw}, of each field's text (the quotes around it excluded). */
        Row(byte[] raw, int[] bounds) {
            this.raw = raw;
            this.bounds = bounds;
        }

        /** The row's bytes as received, without its line break (the array itself, not a copy). */
        public byte[] raw() {
            return raw;
        }

        public int size() {
            return bounds.length / 2;
        }

        /** Field {@code index} as text, with a quoted field's doubled quotes undone. */
        public String field(int index) {
            if (decoded == null) {
                decoded = new String[size()];
            }
            String text = decoded[index];
            if (text == null) {
                text = decode(raw, bounds[2 * index], bounds[2 * index + 1]);
                decoded[index] = text;
            }
            return text;
        }

        /** All fields, as a list that decodes each field when it is first read. */
        public List<String> fields() {
            return new AbstractList<>() {
                @Override
                public String get(int index) {
                    return field(index);
                }

                @Override
                public int size() {
                    return Row.this.size();
                }
            };
        }
    }

    /** A split body: the header's fields (empty when the body has no header row) and the data rows. */
    public record Body(List<String> header, List<Row> rows) {
    }

    private CsvSplitter() {
    }

    public static Body split(byte[] body, boolean hasHeader) {
        List<Row> rows = new ArrayList<>();
        forEachRow(body, Integer.MAX_VALUE, rows::add);
        if (!hasHeader) {
            return new Body(List.of(), rows);
        }
        if (rows.isEmpty()) {
            throw new MalformedBodyException("the body has no header row", -1);
        }
        return new Body(List.copyOf(rows.get(0).fields()), List.copyOf(rows.subList(1, rows.size())));
    }

    /**
     * Hands each row to {@code each} as soon as it is split, so that a caller can work through a large body holding
     * one row at a time. Splitting stops at the first malformed row, or with {@link TooManyRecordsException} on
     * finding row {@code limit + 1} (a header row counts as a row here).
     */
    public static void forEachRow(byte[] body, int limit, Consumer<Row> each) {
        int[] bounds = new int[32];
        int count = 0;
        int pos = skipBom(body);
        while (pos < body.length) {
            int start = pos;
            int fields = 0;
            while (true) {
                int fieldStart = pos;
                int textEnd;
                if (pos < body.length && body[pos] == '"') {
                    textEnd = closingQuote(body, pos + 1, count);
                    pos = textEnd + 1;
                    if (pos < body.length && !isDelimiter(body[pos])) {
                        throw strayQuote(count);
                    }
                    fieldStart++;
                } else {
                    pos = unquotedEnd(body, pos, count);
                    textEnd = pos;
                }
                if (2 * fields + 2 > bounds.length) {
                    bounds = Arrays.copyOf(bounds, 2 * bounds.length);
                }
                bounds[2 * fields] = fieldStart - start;
                bounds[2 * fields + 1] = textEnd - start;
                fields++;
                if (pos < body.length && body[pos] == ',') {
                    pos++;
                } else {
                    break;
                }
            }
            int end = pos;
            pos = skipLineBreak(body, end);
            if (end > start) {
                TooManyRecordsException.check(++count, limit);
                each.accept(new Row(Arrays.copyOfRange(body, start, end), Arrays.copyOf(bounds, 2 * fields)));
            }
        }
    }

    /** The position of the quote that closes a quoted field whose text starts at {@code pos}. */
    private static int closingQuote(byte[] body, int pos, int row) {
        while (pos < body.length) {
            if (body[pos] == '"') {
                if (pos + 1 < body.length && body[pos + 1] == '"') {
                    pos += 2;
                    continue;
                }
                return pos;
            }
            pos++;
        }
        throw new MalformedBodyException("row " + (row + 1) + " has an unterminated quote", row);
    }

    /** The end of an unquoted field starting at {@code pos}: the next comma, line break or the body's end. */
    private static int unquotedEnd(byte[] body, int pos, int row) {
        while (pos < body.length) {
            byte b = body[pos];
            if (isDelimiter(b)) {
                return pos;
            }
            if (b == '"') {
                throw strayQuote(row);
            }
            pos++;
        }
        return pos;
    }

    private static boolean isDelimiter(byte b) {
        return b == ',' || b == '\n' || b == '\r';
    }

    private static MalformedBodyException strayQuote(int row) {
        return new MalformedBodyException("row " + (row + 1) + " has a stray quote", row);
    }

    /** Only a quoted field can hold a quote (doubled), so a quote in the text means undoing the doubling. */
    private static String decode(byte[] raw, int start, int end) {
        String text = new String(raw, start, end - start, StandardCharsets.UTF_8);
        return text.indexOf('"') < 0 ? text : text.replace("\"\"", "\"");
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
