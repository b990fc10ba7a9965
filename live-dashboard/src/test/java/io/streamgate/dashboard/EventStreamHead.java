package io.streamgate.dashboard;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Reads the first event of the dashboard's event stream, then hangs up. */
final class EventStreamHead {

    private final int port;

    EventStreamHead(int port) {
        this.port = port;
    }

    /** The event's lines up to the blank line that ends it, joined without separators. */
    String firstEvent() {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/stream"))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(30)).build();
        try {
            HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                StringBuilder event = new StringBuilder();
                for (String line = lines.readLine(); line != null && !line.isEmpty(); line = lines.readLine()) {
                    event.append(line);
                }
                return event.toString();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
