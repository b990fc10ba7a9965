package io.streamgate.gateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import io.restassured.RestAssured;

/**
 * HTTP/1.1 written by hand, byte for byte: what a hostile client sends and an HTTP library would refuse to (header
 * values with bytes 0x80-0xFF, control characters). One request per connection ({@code Connection: close}).
 */
public final class RawHttp {

    /** An answer: its status, its {@code Content-Type} and its body as text. */
    public record Answer(int status, String contentType, String body) {
    }

    private RawHttp() {
    }

    /** POSTs {@code body} to the running app; {@code headers} are written as ISO-8859-1, each byte as it is. */
    public static Answer post(String path, Map<String, String> headers, byte[] body) {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        write(request, "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
        headers.forEach((name, value) -> write(request, name + ": " + value + "\r\n"));
        write(request, "Content-Length: " + body.length + "\r\n\r\n");
        request.writeBytes(body);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), RestAssured.port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toByteArray());
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Answer parse(byte[] response) {
        String text = new String(response, StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        String head = headEnd < 0 ? text : text.substring(0, headEnd);
        int status = Integer.parseInt(head.substring(9, 12));
        String contentType = null;
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                contentType = line.substring(13).trim();
            }
        }
        String body = headEnd < 0 ? "" : new String(response, headEnd + 4, response.length - headEnd - 4,
                StandardCharsets.UTF_8);
        return new Answer(status, contentType, body);
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
