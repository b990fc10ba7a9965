package io.streamgate.poller;

import static io.streamgate.poller.PollerTestSources.turnstile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.streamgate.core.contract.ContractReader;
import io.restassured.http.ContentType;
import io.streamgate.poller.page.Uris;
import io.streamgate.poller.simulator.ProviderSimulator;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The operator endpoint: list, pause, resume, run, backfill; errors as {@code application/problem+json}. */
class OperatorEndpointTest extends SimulatorBackedTest {

    @AutoClose
    private static final ProviderSimulator SIMULATOR = ProviderSimulator.start(ProviderSimulator.Options.forTests(7, 2));

    OperatorEndpointTest() {
        super(SIMULATOR);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("streamgate.poller.transactional-id-prefix", () -> "ops-test");
        turnstile(registry, "held", SIMULATOR, "/turnstile/rows.json", "ops.held").set("paused", "true");
        for (String id : List.of("held-history", "held-reset")) {
            turnstile(registry, id, SIMULATOR, "/turnstile/rows.json", "ops." + id)
                    .set("paused", "true")
                    .set("incremental.field", ":updated_at")
                    .set("incremental.where", ":updated_at > '{cursor}'")
                    .set("incremental.backfill-where", ":updated_at >= '{from}' AND :updated_at < '{to}'");
        }
    }

    @Test
    void aPausedSourceIsListedOutOfServiceAndRefusesToRun() {
        RestAssured.get("/ops/sources").then().statusCode(200).body("id", hasItem("held"));
        RestAssured.get("/actuator/health/sources/held").then().statusCode(503).body("status", is("OUT_OF_SERVICE"));
        RestAssured.post("/ops/sources/held/run").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("paused"));
    }

    @Test
    void resumingAPausedSourceRunsIt() {
        RestAssured.post("/ops/sources/held/resume").then().statusCode(200).body("paused", is(false));
        await().atMost(Duration.ofSeconds(60)).until(() ->
                TopicReader.idCounts(BOOTSTRAP, "ops.held").size() == SIMULATOR.feed().size());
        RestAssured.post("/ops/sources/held/pause").then().statusCode(200).body("paused", is(true));
    }

    @Test
    void anUnknownSourceIsA404Problem() {
        RestAssured.post("/ops/sources/nope/pause").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("nope"));
        RestAssured.post("/ops/sources/nope/reset").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aBackfillWithoutBoundsIsA400ProblemAndOneOnASourceWithoutBackfillSettingsA409() {
        RestAssured.given().contentType(ContentType.JSON).body(Map.of("from", "2024-01-06T00:00:00.000"))
                .post("/ops/sources/held/backfill").then().statusCode(400).contentType("application/problem+json");
        RestAssured.given().contentType(ContentType.JSON)
                .body(Map.of("from", "2024-01-06T00:00:00.000", "to", "2024-01-07T00:00:00.000"))
                .post("/ops/sources/held/backfill").then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void seedingTheCursorOfASourceWithoutOneIsA409Problem() {
        RestAssured.given().queryParam("cursor", "2024-01-06T00:00:00.000").post("/ops/sources/held/reset").then()
                .statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("no incremental cursor"));
    }

    @Test
    void anAnsweredResetIsInTheCursorTopicWithTheSourcesSpecAndDropsABackfill() throws Exception {
        RestAssured.given().contentType(ContentType.JSON)
                .body(Map.of("from", "2024-01-06T00:00:00.000", "to", "2024-01-07T00:00:00.000"))
                .post("/ops/sources/held-reset/backfill").then().statusCode(202);
        RestAssured.given().queryParam("cursor", "2024-01-06T08:00:00.000")
                .post("/ops/sources/held-reset/reset").then().statusCode(200)
                .body("cursor", is("2024-01-06T08:00:00.000")).body("backfillInProgress", is(false));
        Map<String, JsonNode> stored = new HashMap<>();
        for (var record : TopicReader.records(BOOTSTRAP, cursorTopic)) {
            stored.put(record.key(), new ObjectMapper().readTree(ContractReader.read(record).getData().toBytes()));
        }
        JsonNode live = stored.get("held-reset");
        assertThat(live.path("cursor").asText()).isEqualTo("2024-01-06T08:00:00.000");
        assertThat(live.path("nextPage").isNull()).isTrue();
        assertThat(live.path("spec").path("fields").path("incremental.field").asText()).isEqualTo(":updated_at");
        assertThat(live.path("spec").path("fingerprint").asText()).hasSize(64);
        assertThat(stored.get("held-reset@backfill").path("nextPage").isNull()).isTrue();
    }

    @Test
    void operationsWithoutTheOperatorsCredentialsAre401ProblemsAndChangeNothing() {
        RestAssured.given().auth().none().post("/ops/sources/held/reset").then().statusCode(401);
        RestAssured.given().auth().none().post("/ops/sources/held/resume").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", containsString("Basic"));
        RestAssured.given().auth().preemptive().basic("operator", "wrong").post("/ops/sources/held/run").then()
                .statusCode(401);
        RestAssured.given().auth().none().get("/ops/sources").then().statusCode(401);
        RestAssured.given().auth().none().get("/actuator/health/liveness").then().statusCode(200);
        RestAssured.get("/ops/sources/held").then().statusCode(200).body("paused", is(true));
    }

    @Test
    void anAcceptedBackfillIsInTheCursorTopicBeforeItsRunSoARestartKeepsIt() throws Exception {
        RestAssured.given().contentType(ContentType.JSON)
                .body(Map.of("from", "2024-01-06T00:00:00.000", "to", "2024-01-07T00:00:00.000"))
                .post("/ops/sources/held-history/backfill").then().statusCode(202);
        List<String> stored = TopicReader.records(BOOTSTRAP, cursorTopic).stream()
                .filter(record -> "held-history@backfill".equals(record.key()))
                .map(record -> new String(ContractReader.read(record).getData().toBytes(), StandardCharsets.UTF_8))
                .toList();
        assertThat(stored).as("the paused source has not run it").hasSize(1);
        URI next = URI.create(new ObjectMapper().readTree(stored.get(0)).path("nextPage").asText());
        assertThat(Uris.param(next, "$where")).contains(">= '2024-01-06T00:00:00.000'");
    }
}
