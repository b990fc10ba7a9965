package io.streamgate.gateway.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import io.streamgate.core.contract.EventIds;
import io.streamgate.gateway.support.GatewayTest;
import io.streamgate.gateway.support.TopicReader;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@GatewayTest
class SchemaTest {

    static final String TOPIC = "events.schema";

    @Autowired
    TopicReader topics;

    @Test
    void aBodyWithInvalidRecordsIsRefusedWholeListingEachByIndexAndReason() {
        String token = UUID.randomUUID().toString();
        String body = "{\"station\":\"59 ST\",\"entries\":1,\"t\":\"" + token + "\"}\n"
                + "{\"station\":\"59 ST\",\"t\":\"" + token + "\"}\n"
                + "{\"station\":\"59 ST\",\"entries\":-5,\"t\":\"" + token + "\"}\n";

        given().contentType("application/x-ndjson").body(Records.bytes(body))
                .when().post("/events/ev-schema")
                .then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Invalid records")).body("invalid", equalTo(2))
                .body("errors", hasSize(2)).body("errors.index", contains(1, 2))
                .body("errors[0].reason", containsString("entries"))
                .body("errors[1].reason", containsString("minimum"));

        String marker = "{\"station\":\"marker\",\"entries\":0,\"m\":\"" + UUID.randomUUID() + "\"}";
        given().contentType("application/json").body(marker).when().post("/events/ev-schema")
                .then().statusCode(202);
        assertThat(Records.valuesUpTo(topics, TOPIC, hash(marker))).noneMatch(v -> v.contains(token));
    }

    @Test
    void validRecordsPass() {
        String record = "{\"station\":\"59 ST\",\"entries\":3,\"t\":\"" + UUID.randomUUID() + "\"}";
        given().contentType("application/json").body("[" + record + "]").when().post("/events/ev-schema")
                .then().statusCode(202).body("ids", contains(hash(record)));
        assertThat(Records.withIds(topics, TOPIC, List.of(hash(record)))).extracting(Records::value)
                .containsExactly(record);
    }

    private static String hash(String record) {
        return EventIds.contentHash("/sources/ev-schema", record.getBytes(StandardCharsets.UTF_8));
    }
}
