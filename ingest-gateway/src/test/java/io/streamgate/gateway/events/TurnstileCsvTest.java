package io.streamgate.gateway.events;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import io.streamgate.core.contract.ContractReader;
import io.streamgate.core.contract.EventIds;
import io.streamgate.gateway.support.GatewayTest;
import io.streamgate.gateway.support.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@GatewayTest
class TurnstileCsvTest {

    static final String TOPIC = "events.turnstile";
    /** As in the MTA's files, EXITS padded with spaces. */
    static final String HEADER = "C/A,UNIT,SCP,STATION,LINENAME,DIVISION,DATE,TIME,DESC,ENTRIES,EXITS        ";

    @Autowired
    TopicReader topics;

    @Test
    void mtaRowsBecomeARecordEachWithNewYorkTimeInUtcAndTheTurnstileAsKey() {
        String summer = "A002,R051,02-00-00,59 ST,NQR456W,BMT,09/14/2024,04:00:00,REGULAR,0007578740,0002590330";
        String winter = "A002,R051,02-00-01,\"59 ST, LEX\",NQR456W,BMT,12-01-24,04:00:00,REGULAR," + unique() + ",7";

        given().auth().oauth2("turnstile-key").contentType("text/csv")
                .body(HEADER + "\r\n" + summer + "\r\n" + winter + "\r\n")
                .when().post("/events/ev-turnstile")
                .then().statusCode(202).body("accepted", equalTo(2));

        List<ConsumerRecord<byte[], byte[]>> records = Records.withIds(topics, TOPIC, List.of(hash(summer),
                hash(winter)));
        assertThat(records).extracting(Records::value).containsExactly(summer, winter);
        assertThat(records).extracting(Records::key).containsExactly("A002|R051|02-00-00", "A002|R051|02-00-01");
        CloudEvent first = ContractReader.read(records.get(0));
        assertThat(first.getType()).isEqualTo("mta.turnstile.reading");
        assertThat(first.getDataContentType()).isEqualTo("text/csv");
        assertThat(first.getTime()).as("EDT").isEqualTo(OffsetDateTime.parse("2024-09-14T08:00:00Z"));
        assertThat(ContractReader.read(records.get(1)).getTime()).as("EST, two-digit year")
                .isEqualTo(OffsetDateTime.parse("2024-12-01T09:00:00Z"));
    }

    @Test
    void aHeaderRowOtherThanTheDeclaredColumnsIsRefused() {
        given().auth().oauth2("turnstile-key").contentType("text/csv")
                .body("C/A,UNIT,SCP,STATION,LINENAME,DIVISION,DATE,TIME,DESC,EXITS,ENTRIES\n"
                        + "A002,R051,02-00-00,59 ST,NQR456W,BMT,09/14/2024,04:00:00,REGULAR," + unique() + ",1\n")
                .when().post("/events/ev-turnstile")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("does not match the source's columns"));
    }

    @Test
    void rowsWithoutAHeaderUseTheDeclaredColumnsAndAShortRowIsA400NamingIt() {
        String token = unique();
        String good = "A002,R051,02-00-00,59 ST,NQR456W,BMT,09/14/2024,08:00:00,REGULAR," + token + ",1";
        String shortRow = "A002,R051,02-00-00,59 ST,NQR456W,BMT,09/14/2024,12:00:00,REGULAR," + token;

        given().auth().oauth2("turnstile-key").contentType("text/csv").body(good + "\n" + shortRow)
                .when().post("/events/ev-turnstile")
                .then().statusCode(400).body("index", equalTo(1)).body("detail", containsString("10 fields"));

        String marker = "A002,R051,02-00-00,59 ST,NQR456W,BMT,09/14/2024,16:00:00,REGULAR," + unique() + ",1";
        given().auth().oauth2("turnstile-key").contentType("text/csv").body(marker)
                .when().post("/events/ev-turnstile").then().statusCode(202);
        assertThat(Records.valuesUpTo(topics, TOPIC, hash(marker))).noneMatch(v -> v.contains(token));
    }

    @Test
    void aDateThatFitsNoFormatIsA400NamingTheRow() {
        given().auth().oauth2("turnstile-key").contentType("text/csv")
                .body("A002,R051,02-00-00,59 ST,NQR456W,BMT,2024/09/14,04:00:00,REGULAR," + unique() + ",1")
                .when().post("/events/ev-turnstile")
                .then().statusCode(400).body("index", equalTo(0)).body("detail", containsString("2024/09/14"));
    }

    private static String unique() {
        return String.valueOf(Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L));
    }

    static String hash(String row) {
        return EventIds.contentHash("/sources/ev-turnstile", row.getBytes(StandardCharsets.UTF_8));
    }
}
