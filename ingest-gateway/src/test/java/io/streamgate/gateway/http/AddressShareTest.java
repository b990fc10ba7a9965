package io.streamgate.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.streamgate.gateway.support.RawHttp;
import io.streamgate.gateway.support.GatewayTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

/**
 * One client address's share of the memory for bodies in flight, on the running gateway over raw sockets from two
 * loopback addresses: an address whose announced bodies fill its share is answered 503 with {@code Retry-After} for
 * one byte more, while another address is served at the same moment, and the share comes back when the bodies end.
 */
@GatewayTest
@TestPropertySource(properties = {"streamgate.memory.bodies-in-flight=64MB",
    "streamgate.memory.bodies-in-flight-per-address=4MB", "streamgate.connections.header-timeout=60s"})
class AddressShareTest {

    private static final String ROW = "A002,R051,02-00-00,59 ST,NQR456W,BMT,09/14/2024,04:00:00,REGULAR,7578740,2590330";
    private static final long SHARE = 4L * 1024 * 1024;
    private static final long OVERSIZED_MAX = 3L * 1024 * 1024; // ev-oversized's max-body
    private static final long RAW_MAX = 1024 * 1024;           // raw's max-body, the default

    @Value("${local.server.port}")
    int port;

    @Autowired
    MeterRegistry meters;

    @Test
    void anAddressPastItsShareIs503WhileAnotherAddressIsServedAndTheShareReturns() throws IOException {
        InetAddress first = InetAddress.getByName("127.0.0.1");
        InetAddress second = InetAddress.getByName("127.0.0.2");
        // two uploads from the first address announce bodies that fill its share exactly, and send one byte each
        try (Socket big = connect(first); Socket rest = connect(first)) {
            announce(big, "/events/ev-oversized", "application/json", OVERSIZED_MAX, "[");
            announce(rest, "/events/raw", "text/csv; header=absent", RAW_MAX, "A");
            assertThat(OVERSIZED_MAX + RAW_MAX).isEqualTo(SHARE);
            await().atMost(Duration.ofSeconds(10)).until(() -> inFlight() >= SHARE);

            RawHttp.Answer refused = postRow(first);
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.head()).containsIgnoringCase("Retry-After:").contains("application/problem+json");
            assertThat(refused.body()).contains("streamgate.memory.bodies-in-flight-per-address");
            assertThat(postRow(second).status()).as("another address, at the same moment").isEqualTo(202);
        }
        // the abandoned uploads end when the server reads their close, giving their share back
        await().atMost(Duration.ofSeconds(10)).until(() -> inFlight() == 0);
        assertThat(postRow(first).status()).isEqualTo(202);
    }

    private double inFlight() {
        return meters.get("streamgate.memory.bodies.in.flight").gauge().value();
    }

    private Socket connect(InetAddress from) throws IOException {
        Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port, from, 0);
        socket.setSoTimeout(30_000);
        return socket;
    }

    private static void announce(Socket socket, String path, String type, long length, String start)
            throws IOException {
        socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + type
                + "\r\nContent-Length: " + length + "\r\n\r\n" + start).getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    /** One CSV row to the raw source from {@code from}, on a connection of its own. */
    private RawHttp.Answer postRow(InetAddress from) throws IOException {
        return new RawHttp(new InetSocketAddress(from, 0), new InetSocketAddress("127.0.0.1", port),
                Duration.ofSeconds(30)).post("/events/raw", "text/csv; header=absent", ROW);
    }
}
