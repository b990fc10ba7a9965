package io.streamgate.core.split;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;

/**
 * Splits JSON bodies into records without re-serialising them: each record is the exact byte range it had in the
 * body, as the record contract requires ("the payload bytes, as received").
 */
public final class JsonSplitter {

    /**
     * Jackson's buffers from a pool that every thread shares: its default pool keeps them per thread, and the
     * gateway serves each request on a new virtual thread.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build();

    private JsonSplitter() {
    }

    /** One record per non-blank line of an NDJSON body; each line must be one JSON value. */
    public static List<byte[]> ndjson(byte[] body) {
        List<byte[]> records = new ArrayList<>();
        forEachLine(body, Integer.MAX_VALUE, records::add);
        return records;
    }

    /**
     * Hands each non-blank line of an NDJSON body to {@code each} as soon as it is checked to be one JSON value;
     * stops at the first bad line, or with {@link TooManyRecordsException} on finding record {@code limit + 1}.
     */
    public static void forEachLine(byte[] body, int limit, Consumer<byte[]> each) {
        int start = 0;
        int count = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '\n') {
                int end = i > start && body[i - 1] == '\r' ? i - 1 : i;
                if (!isBlank(body, start, end)) {
                    requireSingleValue(body, start, end, count);
                    TooManyRecordsException.check(++count, limit);
                    each.accept(Arrays.copyOfRange(body, start, end));
                }
                start = i + 1;
            }
        }
    }

    /** One record per element of the array at {@code pointer} (empty pointer: the body is the array). */
    public static List<byte[]> array(byte[] body, JsonPointer pointer) {
        List<byte[]> records = new ArrayList<>();
        forEachElement(body, pointer, Integer.MAX_VALUE, records::add);
        return records;
    }

    /**
     * Hands each element of the array at {@code pointer} to {@code each} as soon as it is split. The body must be
     * one JSON document: anything after it (a second value) makes it malformed, even after elements were handed
     * on, so a caller that writes nothing before the end of the body never writes part of a malformed one. Stops
     * with {@link TooManyRecordsException} on finding element {@code limit + 1}.
     */
    public static void forEachElement(byte[] body, JsonPointer pointer, int limit, Consumer<byte[]> each) {
        try (JsonParser parser = FACTORY.createParser(body)) {
            JsonToken token = moveTo(parser, pointer);
            if (token != JsonToken.START_ARRAY) {
                throw new MalformedBodyException("expected a JSON array at '" + pointer + "'", -1);
            }
            int[] count = {0};
            eachElement(parser, body, element -> {
                TooManyRecordsException.check(++count[0], limit);
                each.accept(element);
            });
            while (!parser.getParsingContext().inRoot()) {
                parser.nextToken(); // to the end of the document around the array
                parser.skipChildren();
            }
            if (parser.nextToken() != null) {
                throw new MalformedBodyException("the body holds more than one JSON document", -1);
            }
        } catch (IOException e) {
            throw new MalformedBodyException("malformed JSON: " + firstLine(e.getMessage()), -1);
        }
    }

    /**
     * The records at {@code path}: a JSON pointer whose segments may be {@code *}, every element of an array or
     * member of an object, so {@code /data/*}{@code /items} selects the items of every entry of {@code data} (as
     * JSONPath's {@code $.data[*].items[*]}). The records are the elements of each array the path reaches, in body
     * order, each its exact byte range. Where a {@code *} meets a member without the rest of the path (or a null),
     * that member gives no records; a non-array at the end of the path makes the body malformed. A path without
     * {@code *} is {@link #array}.
     */
    public static List<byte[]> select(byte[] body, String path) {
        JsonPointer pointer = JsonPointer.compile(path);
        List<String> segments = new ArrayList<>();
        for (JsonPointer rest = pointer; !rest.matches(); rest = rest.tail()) {
            segments.add(rest.getMatchingProperty());
        }
        if (!segments.contains("*")) {
            return array(body, pointer);
        }
        List<byte[]> records = new ArrayList<>();
        try (JsonParser parser = FACTORY.createParser(body)) {
            walk(parser, parser.nextToken(), segments, 0, body, records, path);
            if (parser.nextToken() != null) {
                throw new MalformedBodyException("the body holds more than one JSON document", -1);
            }
        } catch (IOException e) {
            throw new MalformedBodyException("malformed JSON: " + firstLine(e.getMessage()), -1);
        }
        return records;
    }

    /** Follows {@code segments} from {@code depth} at the value starting with {@code token}, consuming it whole. */
    private static void walk(JsonParser parser, JsonToken token, List<String> segments, int depth, byte[] body,
                             List<byte[]> records, String path) throws IOException {
        if (depth == segments.size()) {
            if (token == JsonToken.VALUE_NULL) {
                return;
            }
            if (token != JsonToken.START_ARRAY) {
                throw new MalformedBodyException("expected JSON arrays at '" + path + "', found " + kind(token), -1);
            }
            eachElement(parser, body, records::add);
            return;
        }
        String segment = segments.get(depth);
        boolean any = segment.equals("*");
        if (token == JsonToken.START_OBJECT) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean match = any || segment.equals(parser.currentName());
                JsonToken value = parser.nextToken();
                if (match) {
                    walk(parser, value, segments, depth + 1, body, records, path);
                } else {
                    parser.skipChildren();
                }
            }
        } else if (token == JsonToken.START_ARRAY) {
            JsonToken element;
            for (int i = 0; (element = parser.nextToken()) != JsonToken.END_ARRAY; i++) {
                if (any || segment.equals(String.valueOf(i))) {
                    walk(parser, element, segments, depth + 1, body, records, path);
                } else {
                    parser.skipChildren();
                }
            }
        }
    }

    /** Hands each element of the array the parser is at the start of to {@code each}, as its exact bytes. */
    private static void eachElement(JsonParser parser, byte[] body, Consumer<byte[]> each) throws IOException {
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            int start = (int) parser.currentTokenLocation().getByteOffset();
            parser.skipChildren();
            parser.finishToken();
            each.accept(Arrays.copyOfRange(body, start, (int) parser.currentLocation().getByteOffset()));
        }
    }

    private static String kind(JsonToken token) {
        return token == JsonToken.START_OBJECT ? "an object" : token.isNumeric() ? "a number"
                : token == JsonToken.VALUE_STRING ? "a string" : "a boolean";
    }

    private static JsonToken moveTo(JsonParser parser, JsonPointer pointer) throws IOException {
        JsonToken token = parser.nextToken();
        JsonPointer rest = pointer;
        while (!rest.matches()) {
            if (token == JsonToken.START_OBJECT && findField(parser, rest.getMatchingProperty())) {
                token = parser.nextToken();
            } else if (token == JsonToken.START_ARRAY && rest.getMatchingIndex() >= 0
                    && findElement(parser, rest.getMatchingIndex())) {
                token = parser.currentToken();
            } else {
                throw new MalformedBodyException("nothing at '" + pointer + "' in the body", -1);
            }
            rest = rest.tail();
        }
        return token;
    }

    private static boolean findField(JsonParser parser, String name) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            if (parser.currentName().equals(name)) {
                return true;
            }
            parser.nextToken();
            parser.skipChildren();
        }
        return false;
    }

    private static boolean findElement(JsonParser parser, int index) throws IOException {
        for (int i = 0; parser.nextToken() != JsonToken.END_ARRAY; i++) {
            if (i == index) {
                return true;
            }
            parser.skipChildren();
        }
        return false;
    }

    /** Parses the line in place (no copy of it before it is known to be good), once. */
    private static void requireSingleValue(byte[] body, int start, int end, int index) {
        try (JsonParser parser = FACTORY.createParser(body, start, end - start)) {
            parser.nextToken();
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw new MalformedBodyException("line " + (index + 1) + " holds more than one JSON value", index);
            }
        } catch (IOException e) {
            throw new MalformedBodyException("line " + (index + 1) + " is not JSON: " + firstLine(e.getMessage()),
                    index);
        }
    }

    private static boolean isBlank(byte[] body, int start, int end) {
        for (int i = start; i < end; i++) {
            if (body[i] != ' ' && body[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
