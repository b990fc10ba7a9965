package io.streamgate.gateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

import io.restassured.RestAssured;

/**
 * HTTP/1.1 written by hand, one request per connection ({@code Connection: close}), the answer read to its end:
 * what a hostile client sends and an HTTP library would refuse to (header values with bytes 0x80-0xFF, control
 * characters), and requests from a chosen local address (the JDK's HTTP client cannot bind one on Java 17).
 */
public final class RawHttp {

    /** An answer: its status, its status line and headers as text, and its body. */
    public record Answer(int status, String head, String body) {

        /** The value of its {@code Content-Type} header, or null. */
        public String contentType() {
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                    return line.substring(13).trim();
                }
            }
            return null;
        }
    }

    private final InetSocketAddress from;
    private final InetSocketAddress to;
    private final Duration timeout;

    public RawHttp(InetSocketAddress from, InetSocketAddress to, Duration timeout) {
        this.from = from;
        this.to = to;
        this.timeout = timeout;
    }

    /**
     * POSTs {@code body} from loopback to the app rest-assured points at; {@code headers} are written as
     * ISO-8859-1, each byte as it is.
     */
    public static Answer postToApp(String path, Map<String, String> headers, byte[] body) {
        try {
            return toApp().post(path, headers, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** From loopback to the app rest-assured points at. */
    public static RawHttp toApp() {
        return new RawHttp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), RestAssured.port), Duration.ofSeconds(60));
    }

    public Answer post(String path, String contentType, String body) throws IOException {
        return post(path, Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code headers} are written as ISO-8859-1, each byte as it is. */
    public Answer post(String path, Map<String, String> headers, byte[] body) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        write(request, "POST " + path + " HTTP/1.1\r\nHost: " + to.getHostString() + "\r\nConnection: close\r\n");
        headers.forEach((name, value) -> write(request, name + ": " + value + "\r\n"));
        write(request, "Content-Length: " + body.length + "\r\n\r\n");
        request.writeBytes(body);
        return send(request.toByteArray());
    }

    public Answer get(String path, String user, String password) throws IOException {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        write(request, "GET " + path + " HTTP/1.1\r\nHost: " + to.getHostString() + "\r\nAuthorization: Basic "
                + credentials + "\r\nConnection: close\r\n\r\n");
        return send(request.toByteArray());
    }

    private Answer send(byte[] request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from.getAddress(), 0));
            socket.connect(to, (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            // read until the server closes (Connection: close), so chunked and sized bodies alike come whole
            return parse(socket.getInputStream().readAllBytes());
        }
    }

    private static Answer parse(byte[] response) throws IOException {
        String text = new String(response, StandardCharsets.ISO_8859_1);
        if (!text.startsWith("HTTP/1.1 ") || text.length() < 12) {
            throw new IOException("no HTTP answer: " + text.substring(0, Math.min(80, text.length())));
        }
        int headEnd = text.indexOf("\r\n\r\n");
        String head = headEnd < 0 ? text : text.substring(0, headEnd);
        String body = headEnd < 0 ? "" : new String(response, headEnd + 4, response.length - headEnd - 4,
                StandardCharsets.UTF_8);
        return new Answer(Integer.parseInt(text.substring(9, 12)), head, body);
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
