package io.streamgate.gateway.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.streamgate.core.contract.EventIds;
import io.streamgate.gateway.support.GatewayTest;
import io.streamgate.gateway.support.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@GatewayTest
class TenThousandRowsTest {

    static final String TOPIC = "events.turnstile.load";
    static final int ROWS = 10_000;

    @Autowired
    TopicReader topics;

    @Test
    void tenThousandCsvRowsLandAsTenThousandRecordsWithIdsThatASecondSendRepeats() {
        StringBuilder body = new StringBuilder(TurnstileCsvTest.HEADER).append('\n');
        List<String> expectedIds = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            String row = String.format("A%03d,R051,02-00-%02d,59 ST,NQR456W,BMT,09/14/2024,04:00:00,REGULAR,%d,%d",
                    i / 100, i % 100, 7_578_740 + i, 2_590_330 + i);
            body.append(row).append('\n');
            expectedIds.add(EventIds.contentHash("/sources/ev-turnstile-load", row.getBytes(StandardCharsets.UTF_8)));
        }

        for (int send = 1; send <= 2; send++) {
            given().auth().oauth2("turnstile-key").contentType("text/csv").body(body.toString())
                    .when().post("/events/ev-turnstile-load")
                    .then().statusCode(202).body("accepted", equalTo(ROWS))
                    .body("firstId", equalTo(expectedIds.get(0))).body("lastId", equalTo(expectedIds.get(ROWS - 1)));
        }

        List<ConsumerRecord<byte[], byte[]>> records = topics.awaitRecords(TOPIC, 2 * ROWS);
        List<String> ids = records.stream().map(TopicReader::ceId).toList();
        assertThat(ids.subList(0, ROWS)).isEqualTo(expectedIds);
        assertThat(ids.subList(ROWS, 2 * ROWS)).as("the second send yields the same ids").isEqualTo(expectedIds);
        assertThat(Records.key(records.get(ROWS - 1))).isEqualTo("A099|R051|02-00-99");
    }
}
