package io.streamgate.gateway.events;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.Map;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.streamgate.core.contract.ContractRecord;
import io.streamgate.core.contract.KeySpec;
import io.streamgate.core.split.JsonSplitter;
import io.streamgate.core.split.MalformedBodyException;
import org.springframework.http.MediaType;

/** Bulk JSON bodies: NDJSON (a record per line), a JSON array (a record per element) or one JSON value. */
final class BulkJsonBody {

    /** Jackson's buffers from the pool every thread shares, as the gateway's own mapper's (http/JacksonBuffers). */
    static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build());
    private static final ObjectReader READER = JSON.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private BulkJsonBody() {
    }

    static BodyRecords ndjson(EventRequest request) {
        return each -> records(request, each,
                payloads -> JsonSplitter.forEachLine(request.body(), request.events().maxRecords(), payloads));
    }

    static BodyRecords json(EventRequest request) {
        byte[] body = request.body();
        int start = skipSpace(body);
        if (start == body.length) {
            return each -> { };
        }
        if (body[start] == '[') {
            return each -> records(request, each, payloads -> JsonSplitter.forEachElement(body, JsonPointer.empty(),
                    request.events().maxRecords(), payloads));
        }
        byte[] value = trim(body, start);
        read(value, 0); // the splitters check the records they split; a body of one value is checked here
        return each -> records(request, each, payloads -> payloads.accept(value));
    }

    /**
     * The payloads are well-formed JSON (checked by the splitter or {@link #json}); each is parsed into a view now
     * only when the key or the event time is read from it, else when the schema check first asks for it.
     */
    private static void records(EventRequest request, Consumer<Parsed> each, Consumer<Consumer<byte[]>> split) {
        EventTime time = new EventTime(request.events().time());
        boolean viewNow = request.source().key() instanceof KeySpec.Pointer || time.readsJson();
        int[] next = {0};
        split.accept(payload -> {
            int index = next[0]++;
            JsonNode view = viewNow ? read(payload, index) : null;
            OffsetDateTime at = time.ofJson(view, index, request.receivedAt());
            ContractRecord record = request.record(request.recordId(index, payload), at,
                    MediaType.APPLICATION_JSON_VALUE, payload, request.key(view), Map.of());
            each.accept(viewNow ? new Parsed(record, view) : Parsed.lazy(record, () -> read(payload, index)));
        });
    }

    static JsonNode read(byte[] payload, int index) {
        try {
            JsonNode node = READER.readTree(payload);
            if (node == null || node.isMissingNode()) {
                throw new MalformedBodyException("record " + index + " is empty", index);
            }
            return node;
        } catch (IOException e) {
            throw new MalformedBodyException("record " + index + " is not JSON", index);
        }
    }

    private static int skipSpace(byte[] body) {
        int i = 0;
        while (i < body.length && isSpace(body[i])) {
            i++;
        }
        return i;
    }

    /** A body holding one JSON value is one record: the value's bytes, without the whitespace around them. */
    private static byte[] trim(byte[] body, int start) {
        int end = body.length;
        while (end > start && isSpace(body[end - 1])) {
            end--;
        }
        return Arrays.copyOfRange(body, start, end);
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }
}
