package io.streamgate.aggregator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Slow clients on the metrics port neither stall the answers to others nor hold their connections for ever. */
class PrometheusEndpointTest {

    private static final String METRIC = "streamgate_test{job=\"t\"} 1.0";

    @Test
    void aSlowClientDoesNotStallTheScrapeAndSlowClientsAreCutOffAfterTheRequestTimeLimit() throws Exception {
        MetricsRegistry metrics = new MetricsRegistry();
        metrics.gauge("streamgate_test", "job", "t", 1);
        List<Socket> slow = new ArrayList<>();
        try (PrometheusEndpoint endpoint = new PrometheusEndpoint(0, metrics)) {
            slow.add(halfARequest(endpoint.port()));
            assertThat(scrape(endpoint.port())).as("a scrape beside one slow client").contains(METRIC);

            for (int i = 0; i < PrometheusEndpoint.THREADS + PrometheusEndpoint.QUEUE + 5; i++) {
                slow.add(halfARequest(endpoint.port()));
            }
            for (Socket socket : slow) {
                // blocks until the server closes it: at once past the queue, else after the request time limit
                socket.setSoTimeout(PrometheusEndpoint.MAX_SECONDS * 3_000);
                assertThat(closedByServer(socket)).isTrue();
            }
            assertThat(scrape(endpoint.port())).as("a scrape once the slow clients are gone").contains(METRIC);
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    private static Socket halfARequest(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    private static String scrape(int port) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Reads to the end of the stream: true once the server has closed (or reset) the connection. */
    private static boolean closedByServer(Socket socket) throws IOException {
        try {
            socket.getInputStream().readAllBytes();
            return true;
        } catch (SocketException e) {
            return true;
        }
    }
}
