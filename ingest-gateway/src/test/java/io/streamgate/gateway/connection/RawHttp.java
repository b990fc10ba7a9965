package io.streamgate.gateway.connection;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * One HTTP/1.1 request on a new connection from a chosen local address (the JDK's HTTP client cannot bind one on
 * Java 17), {@code Connection: close}, the answer read to its end.
 */
public final class RawHttp {

    /** An answer: its status, its status line and headers as text, and its body. */
    public record Answer(int status, String head, String body) {
    }

    private final InetSocketAddress from;
    private final InetSocketAddress to;
    private final Duration timeout;

    public RawHttp(InetSocketAddress from, InetSocketAddress to, Duration timeout) {
        this.from = from;
        this.to = to;
        this.timeout = timeout;
    }

    public Answer post(String path, String contentType, String body) throws IOException {
        return send("POST " + path + " HTTP/1.1\r\nHost: " + to.getHostString() + "\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n"
                + body);
    }

    Answer get(String path, String user, String password) throws IOException {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return send("GET " + path + " HTTP/1.1\r\nHost: " + to.getHostString() + "\r\nAuthorization: Basic "
                + credentials + "\r\nConnection: close\r\n\r\n");
    }

    private Answer send(String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from.getAddress(), 0));
            socket.connect(to, (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            String answer = readAll(socket.getInputStream());
            int space = answer.indexOf(' ');
            if (!answer.startsWith("HTTP/1.1 ") || space < 0) {
                throw new IOException("no HTTP answer: " + answer.substring(0, Math.min(80, answer.length())));
            }
            int bodyStart = answer.indexOf("\r\n\r\n");
            return new Answer(Integer.parseInt(answer.substring(space + 1, space + 4)),
                    bodyStart < 0 ? answer : answer.substring(0, bodyStart),
                    bodyStart < 0 ? "" : answer.substring(bodyStart + 4));
        }
    }

    /** Reads until the server closes (Connection: close), so chunked and sized bodies alike come whole. */
    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
