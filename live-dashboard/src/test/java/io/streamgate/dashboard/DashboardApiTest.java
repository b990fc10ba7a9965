package io.streamgate.dashboard;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;

import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The page's JSON API and the dashboard's own metrics, against the real broker. */
@DashboardTest
class DashboardApiTest {

    @LocalServerPort
    int port;

    @BeforeEach
    void pointRestAssured() {
        RestAssured.port = port;
    }

    @Test
    void jobsNameTheirSeriesAndChartedMeasures() {
        given().get("/api/jobs").then().statusCode(200)
                .body("find { it.name == 'nyc-taxi' }.series", equalTo("pickup_borough"))
                .body("find { it.name == 'nyc-taxi' }.measures", equalTo(java.util.List.of("trips", "avg_fare")))
                .body("find { it.name == 'nyc-taxi' }.chart", equalTo(java.util.List.of("trips")))
                .body("find { it.name == 'mta-turnstile-registers' }.chart",
                        equalTo(java.util.List.of("entries", "exits")));
    }

    @Test
    void servicesArePolledAndShownUpOrDown() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().get("/api/health").then().statusCode(200)
                        .body("find { it.service == 'gateway' }.state", equalTo("UP"))
                        .body("find { it.service == 'aggregator' }.state", equalTo("DOWN"))
                        .body("find { it.service == 'aggregator' }.detail", startsWith("no answer")));
    }

    @Test
    void aRecordThatIsNoWindowIsSkippedAndCountedAndTheNextOneTaken() {
        String marker = "MARKER ST " + System.nanoTime();
        TestTopics.publish(TestTopics.TAXI, "k", "not json at all");
        TestTopics.publish(TestTopics.TAXI, "k2", "{\"window_end\":\"2026-12-01T09:00:00.000Z\",\"trips\":1}");
        TestTopics.publish(TestTopics.TAXI, "k3", "{\"window_start\":\"2026-12-01T08:00:00.000Z\","
                + "\"window_end\":\"2026-12-01T09:00:00.000Z\",\"pickup_borough\":\"" + marker + "\",\"trips\":\"x\"}");
        TestTopics.publish(TestTopics.TAXI, "{\"marker\":\"" + marker + "\"}", "{\"window_start\":"
                + "\"2026-12-01T08:00:00.000Z\",\"window_end\":\"2026-12-01T09:00:00.000Z\",\"pickup_borough\":\""
                + marker + "\",\"trips\":5,\"avg_fare\":12.25}");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().get("/api/windows").then().statusCode(200)
                        .body("findAll { it.group.pickup_borough == '" + marker + "' }.measures.trips",
                                equalTo(java.util.List.of(5)))
                        .body("findAll { it.group.pickup_borough == '" + marker + "' }.measures.avg_fare",
                                equalTo(java.util.List.of(12.25f))));
        given().get("/actuator/prometheus").then().statusCode(200)
                .body(containsString("streamgate_dashboard_records_total{outcome=\"rejected\"} 3.0"))
                .body(containsString("streamgate_dashboard_windows "));
    }

    @Test
    void theEventStreamOpensWithTheSnapshot() {
        TestTopics.publishMtaWindow("STREAM ST", "00-00-09", "2026-12-01T00:00:00.000Z", "2026-12-01T04:00:00.000Z",
                3, 2);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().get("/api/windows").then().body("group.STATION", hasItem("STREAM ST")));
        // the stream never ends by itself: read its first event only, through a bounded request
        String firstEvent = new EventStreamHead(port).firstEvent();
        org.assertj.core.api.Assertions.assertThat(firstEvent).startsWith("event:snapshot").contains("STREAM ST");
    }
}
