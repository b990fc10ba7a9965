package io.streamgate.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import com.sun.net.httpserver.HttpServer;
import io.streamgate.testsupport.kafka.KafkaBrokerExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The window topics of {@link DashboardTest} (new names per test JVM, created before the app subscribes), a
 * producer that publishes records to them as the aggregator does, and a stand-in service that answers its health
 * endpoint with UP.
 */
public final class TestTopics implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final String MTA = "windows.mta-" + UUID.randomUUID();
    static final String TAXI = "windows.taxi-" + UUID.randomUUID();
    private static final HttpServer HEALTHY = healthyService();
    private static KafkaProducer<String, String> producer;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String bootstrap = KafkaBrokerExtension.shared().bootstrapServers();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(MTA, 2, (short) 1), new NewTopic(TAXI, 1, (short) 1))).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not create the test topics", e);
        }
        TestPropertyValues.of("spring.kafka.bootstrap-servers=" + bootstrap,
                "streamgate.dashboard.jobs.mta-turnstile-registers.topic=" + MTA,
                "streamgate.dashboard.jobs.nyc-taxi.topic=" + TAXI,
                "streamgate.dashboard.health.services.gateway=http://127.0.0.1:" + HEALTHY.getAddress().getPort()
                        + "/actuator/health",
                // nothing listens on port 9: refused at once
                "streamgate.dashboard.health.services.aggregator=http://127.0.0.1:9/metrics").applyTo(context);
    }

    /** Publishes one record and waits for the broker's ack. */
    static synchronized void publish(String topic, String key, String value) {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerExtension.shared().bootstrapServers());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        }
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }

    /** A window row as the aggregator's {@code sinks.kafka} publishes it: key and value JSON. */
    static void publishMtaWindow(String station, String scp, String start, String end, long entries, long exits) {
        String row = mtaKeyFields(station, scp, start, end);
        publish(MTA, "{" + row + "}", "{" + row + ",\"entries\":" + entries + ",\"exits\":" + exits + "}");
    }

    /** The tombstone of a window {@link #publishMtaWindow} published, as the aggregator sends it after a rebuild. */
    static void retractMtaWindow(String station, String scp, String start, String end) {
        publish(MTA, "{" + mtaKeyFields(station, scp, start, end) + "}", null);
    }

    private static String mtaKeyFields(String station, String scp, String start, String end) {
        return "\"window_start\":\"" + start + "\",\"window_end\":\"" + end + "\",\"C/A\":\"A002\",\"UNIT\":\"R051\","
                + "\"SCP\":\"" + scp + "\",\"STATION\":\"" + station + "\"";
    }

    private static HttpServer healthyService() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/actuator/health", exchange -> {
                byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0), "healthy-service-stop"));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
