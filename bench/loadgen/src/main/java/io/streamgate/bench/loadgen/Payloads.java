package io.streamgate.bench.loadgen;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes a request file: a set of distinct, ready-to-send requests of one kind, read by both load generators
 * (wrk's {@code requests.lua} and {@link OpenLoop}). Bodies differ in random filler so compression in the producer
 * does not see the same bytes over and over; {@code {seq}} in a header value is replaced at send time by a
 * number unique to the run, so delivery ids and CloudEvents ids never repeat.
 *
 * <p>File format, per request: a line with the header count, one {@code Name: value} line per header, a line with
 * the body length in bytes, the body, a newline.
 *
 * <pre>
 * java -cp bench-loadgen.jar io.streamgate.bench.loadgen.Payloads KIND OUT [--count 500] [--records 100]
 *      [--secret S] [--api-key K]
 * KIND: webhook-github | cloudevents | ndjson | csv | records (plain NDJSON lines, for ProducerPerformance)
 * </pre>
 */
public final class Payloads {

    /** Payload of one record, about 1 KiB as a JSON object. */
    static final int RECORD_BYTES = 1024;

    private final SplittableRandom random = new SplittableRandom(42);

    private Payloads() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 2; i + 1 < args.length; i += 2) {
            opts.put(args[i].substring(2), args[i + 1]);
        }
        String kind = args[0];
        int count = Integer.parseInt(opts.getOrDefault("count", "500"));
        int records = Integer.parseInt(opts.getOrDefault("records", "100"));
        String secret = opts.getOrDefault("secret", "bench-secret");
        String apiKey = opts.getOrDefault("api-key", "bench-key");
        Payloads payloads = new Payloads();
        if (kind.equals("records")) {
            // raw NDJSON for ProducerPerformance's --payload-file: the same records, without HTTP
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < count; i++) {
                lines.append(payloads.jsonRecord()).append('\n');
            }
            Files.writeString(Path.of(args[1]), lines, StandardCharsets.UTF_8);
            return;
        }
        List<Request> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            requests.add(switch (kind) {
                case "webhook-github" -> payloads.githubWebhook(secret);
                case "cloudevents" -> payloads.cloudEvent(apiKey);
                case "ndjson" -> payloads.ndjson(records, apiKey);
                case "csv" -> payloads.csv(records, apiKey);
                default -> throw new IllegalArgumentException("unknown kind " + kind);
            });
        }
        write(Path.of(args[1]), requests);
    }

    record Request(Map<String, String> headers, byte[] body) {
    }

    Request githubWebhook(String secret) throws GeneralSecurityException {
        byte[] body = jsonRecord().getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "GitHub-Hookshot/bench");
        headers.put("X-GitHub-Event", "push");
        headers.put("X-GitHub-Hook-ID", "4242");
        headers.put("X-GitHub-Delivery", "6a1f0c2e-0000-4000-8000-{seq}");
        headers.put("X-Hub-Signature-256", "sha256=" + HexFormat.of().formatHex(mac.doFinal(body)));
        return new Request(headers, body);
    }

    Request cloudEvent(String apiKey) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-API-Key", apiKey);
        headers.put("ce-specversion", "1.0");
        headers.put("ce-id", "bench-{seq}");
        headers.put("ce-source", "/bench/producer");
        headers.put("ce-type", "bench.reading");
        headers.put("ce-time", "2026-11-22T06:00:00Z");
        return new Request(headers, jsonRecord().getBytes(StandardCharsets.UTF_8));
    }

    Request ndjson(int records, String apiKey) {
        StringBuilder body = new StringBuilder(records * (RECORD_BYTES + 1));
        for (int i = 0; i < records; i++) {
            body.append(jsonRecord()).append('\n');
        }
        return new Request(Map.of("Content-Type", "application/x-ndjson", "X-API-Key", apiKey),
                body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** CSV rows of about 1 KiB each (a wide text column), so that records/s compare with 1 KiB producer records. */
    Request csv(int records, String apiKey) {
        StringBuilder body = new StringBuilder("id,station,entries,exits,note\n");
        for (int i = 0; i < records; i++) {
            body.append(random.nextLong(1L << 40)).append(',').append("59 ST").append(',')
                    .append(random.nextInt(1_000_000)).append(',').append(random.nextInt(1_000_000)).append(',')
                    .append(filler(RECORD_BYTES - 40)).append('\n');
        }
        return new Request(Map.of("Content-Type", "text/csv", "X-API-Key", apiKey),
                body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON object of {@link #RECORD_BYTES} bytes, shaped like a small GitHub push payload. */
    String jsonRecord() {
        String head = "{\"ref\":\"refs/heads/main\",\"before\":\"" + filler(40) + "\",\"after\":\"" + filler(40)
                + "\",\"repository\":{\"id\":" + random.nextInt(1_000_000) + ",\"full_name\":\"streamgate/bench\"},"
                + "\"pusher\":{\"name\":\"bench\"},\"head_commit\":{\"id\":\"" + filler(40) + "\",\"message\":\"";
        String tail = "\"}}";
        return head + filler(RECORD_BYTES - head.length() - tail.length()) + tail;
    }

    private String filler(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(HexFormat.of().toHexDigits((byte) random.nextInt(16)).charAt(1));
        }
        return s.toString();
    }

    static void write(Path file, List<Request> requests) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            for (Request r : requests) {
                out.write((r.headers().size() + "\n").getBytes(StandardCharsets.US_ASCII));
                for (Map.Entry<String, String> h : r.headers().entrySet()) {
                    out.write((h.getKey() + ": " + h.getValue() + "\n").getBytes(StandardCharsets.US_ASCII));
                }
                out.write((r.body().length + "\n").getBytes(StandardCharsets.US_ASCII));
                out.write(r.body());
                out.write('\n');
            }
        }
    }
}
