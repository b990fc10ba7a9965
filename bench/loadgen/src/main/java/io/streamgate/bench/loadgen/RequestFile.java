package io.streamgate.bench.loadgen;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A request file written by {@link Payloads}, turned into raw HTTP/1.1 requests for one URL. */
final class RequestFile {

    private static final byte[] SEQ = "{seq}".getBytes(StandardCharsets.US_ASCII);

    /** A request's bytes, split where the unique sequence number goes. */
    record Template(List<byte[]> parts, int records) {

        void writeTo(OutputStream out, long seq) throws IOException {
            byte[] id = String.format("%012x", seq).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < parts.size(); i++) {
                if (i > 0) {
                    out.write(id);
                }
                out.write(parts.get(i));
            }
        }
    }

    private RequestFile() {
    }

    static List<Template> read(Path file, URI url) throws IOException {
        byte[] data = Files.readAllBytes(file);
        List<Template> templates = new ArrayList<>();
        int[] pos = {0};
        while (pos[0] < data.length) {
            int headerCount = Integer.parseInt(line(data, pos));
            StringBuilder head = new StringBuilder("POST ").append(url.getRawPath()).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(url.getHost()).append(':').append(url.getPort()).append("\r\n");
            for (int i = 0; i < headerCount; i++) {
                head.append(line(data, pos)).append("\r\n");
            }
            int length = Integer.parseInt(line(data, pos));
            head.append("Content-Length: ").append(length).append("\r\n\r\n");
            ByteArrayOutputStream request = new ByteArrayOutputStream(head.length() + length);
            request.writeBytes(head.toString().getBytes(StandardCharsets.US_ASCII));
            request.write(data, pos[0], length);
            int records = countRecords(data, pos[0], length);
            pos[0] += length + 1;
            templates.add(new Template(split(request.toByteArray()), records));
        }
        return templates;
    }

    /** Lines of an NDJSON or CSV body (less a CSV header row); 1 for anything else. */
    private static int countRecords(byte[] data, int from, int length) {
        int lines = 0;
        for (int i = from; i < from + length; i++) {
            if (data[i] == '\n') {
                lines++;
            }
        }
        return Math.max(1, lines);
    }

    private static String line(byte[] data, int[] pos) {
        int start = pos[0];
        while (data[pos[0]] != '\n') {
            pos[0]++;
        }
        String line = new String(data, start, pos[0] - start, StandardCharsets.US_ASCII);
        pos[0]++;
        return line;
    }

    private static List<byte[]> split(byte[] request) {
        List<byte[]> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i + SEQ.length <= request.length; i++) {
            if (java.util.Arrays.equals(request, i, i + SEQ.length, SEQ, 0, SEQ.length)) {
                parts.add(java.util.Arrays.copyOfRange(request, start, i));
                start = i + SEQ.length;
                i = start - 1;
            }
        }
        parts.add(java.util.Arrays.copyOfRange(request, start, request.length));
        return parts;
    }
}
