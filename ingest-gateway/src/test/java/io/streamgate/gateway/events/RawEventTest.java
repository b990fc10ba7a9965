package io.streamgate.gateway.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.cloudevents.CloudEvent;
import io.streamgate.core.contract.ContractReader;
import io.streamgate.core.contract.EventIds;
import io.streamgate.gateway.support.GatewayTest;
import io.streamgate.gateway.support.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@GatewayTest
class RawEventTest {

    @Autowired
    TopicReader topics;

    @Test
    void aRawBodyBecomesOneContractRecordOnceKafkaHoldsIt() {
        String row = "A002,R051,02-00-00,59 ST,NQR456W,BMT,09/14/2024,04:00:00,REGULAR,7578740,2590330";
        String id = EventIds.contentHash("/sources/raw", row.getBytes(StandardCharsets.UTF_8));

        given().contentType("text/csv; header=absent").body(row) // a source without columns: else the header
                .when().post("/events/raw")
                .then().statusCode(202).body("accepted", equalTo(1)).body("ids", hasSize(1))
                .body("ids[0]", equalTo(id));

        // other tests write to this source too: its record is the one with its id
        List<ConsumerRecord<byte[], byte[]>> records = topics.readUpTo("raw.events", id);
        ConsumerRecord<byte[], byte[]> record = records.get(records.size() - 1);
        CloudEvent event = ContractReader.read(record);
        assertThat(event.getId()).isEqualTo(id);
        assertThat(event.getSource().toString()).isEqualTo("/sources/raw");
        assertThat(event.getType()).isEqualTo("test.raw");
        assertThat(event.getDataContentType()).isEqualTo("text/csv");
        assertThat(event.getTime()).isNotNull();
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo(row);
    }

    @Test
    void anUnknownSourceIsA404ProblemAndWritesNothing() {
        given().contentType("application/json").body("{}")
                .when().post("/events/nope")
                .then().statusCode(404).contentType("application/problem+json")
                .body("title", equalTo("Unknown source"));
    }

    @Test
    void anUnmappedPathIsA404Problem() {
        given().when().get("/no/such/path")
                .then().statusCode(404).contentType("application/problem+json");
    }
}
