package io.streamgate.poller.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class DemoTrafficTest {

    private static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 22, 8, 30, 15);

    private static List<Reading> take(DemoReadings readings, int count) {
        return IntStream.range(0, count).mapToObj(i -> readings.next(NOW)).toList();
    }

    @Test
    void readingsUseTheSimulatorsStationsAndAreTheSameForTheSameSeed() {
        List<Reading> first = take(new DemoReadings(40, 7, 0.05, 0.1, Duration.ofHours(2)), 500);
        List<Reading> again = take(new DemoReadings(40, 7, 0.05, 0.1, Duration.ofHours(2)), 500);

        assertThat(first).isEqualTo(again);
        assertThat(first).extracting(Reading::turnstile).isSubsetOf(Turnstile.first(40));
        assertThat(first).extracting(r -> r.turnstile().station()).contains("59 ST", "TIMES SQ-42 ST");
    }

    @Test
    void someReadingsAreExactDuplicatesAndSomeAreLateButInsideTheLatenessBound() {
        List<Reading> readings = take(new DemoReadings(40, 7, 0.05, 0.1, Duration.ofHours(2)), 2000);

        Set<Reading> distinct = new HashSet<>(readings);
        assertThat(readings.size() - distinct.size()).isBetween(50, 150);
        List<Reading> late = readings.stream().filter(r -> r.time().isBefore(NOW)).toList();
        assertThat(late).hasSizeBetween(100, 300)
                .allSatisfy(r -> assertThat(r.time()).isAfterOrEqualTo(NOW.minusHours(2)));
        assertThat(readings).allSatisfy(r -> assertThat(r.time()).isBeforeOrEqualTo(NOW));
    }

    @Test
    void aTurnstileCountsAFewHundredPeopleAnHourAtMost() {
        // an hour of the demo's rate (10 readings/s over 40 turnstiles) at rush hour, as the aggregator sums it:
        // duplicates once, whatever the stamp
        DemoReadings readings = new DemoReadings(40, 3, 0.03, 0.05, Duration.ofHours(2));
        Set<Reading> distinct = new HashSet<>();
        for (int second = 0; second < 3600; second++) {
            for (int i = 0; i < 10; i++) {
                distinct.add(readings.next(NOW.plusSeconds(second)));
            }
        }
        java.util.Map<Turnstile, Long> entries = distinct.stream().collect(java.util.stream.Collectors.groupingBy(
                Reading::turnstile, java.util.stream.Collectors.summingLong(Reading::entries)));
        java.util.Map<Turnstile, Long> exits = distinct.stream().collect(java.util.stream.Collectors.groupingBy(
                Reading::turnstile, java.util.stream.Collectors.summingLong(Reading::exits)));

        assertThat(entries).hasSize(40).allSatisfy((t, n) -> assertThat(n).isBetween(70L, 180L));
        assertThat(exits).hasSize(40).allSatisfy((t, n) -> assertThat(n).isBetween(55L, 150L));
    }

    @Test
    void aWebhookBodyIsAJsonObjectWithTheCsvColumnNamesAndValues() {
        Reading reading = new DemoReadings(3, 1, 0, 0, Duration.ofHours(1)).next(NOW);

        assertThat(DemoReadings.json(reading)).containsKeys("C/A", "UNIT", "SCP", "STATION", "LINENAME", "DIVISION",
                "DATE", "TIME", "DESC", "ENTRIES", "EXITS");
        assertThat(String.join(",", DemoReadings.json(reading).values())).isEqualTo(reading.csv());
        assertThat(DemoReadings.json(reading)).containsEntry("DATE", "11/22/2026").containsEntry("TIME", "08:30:15");
    }

    @Test
    void eventsModeSendsOneCsvBatchWithTheApiKeyAndWebhooksModeSignsEachBody() throws Exception {
        DemoTraffic traffic = new DemoTraffic(DemoTraffic.Options.parse("--gateway", "http://127.0.0.1:9", "--api-key",
                "k1", "--secret", "s1", "--mode", "webhooks"));
        Reading reading = new DemoReadings(3, 1, 0, 0, Duration.ofHours(1)).next(NOW);

        assertThat(traffic.eventsRequest(List.of(reading)).headers().firstValue("X-API-Key")).contains("k1");
        assertThat(traffic.eventsRequest(List.of(reading)).uri()).isEqualTo(URI.create("http://127.0.0.1:9/events/turnstile"));
        assertThat(traffic.webhookRequest(reading).uri()).isEqualTo(URI.create("http://127.0.0.1:9/webhooks/turnstile-hooks"));
        assertThat(traffic.webhookRequest(reading).headers().firstValue("X-Signature-256").orElseThrow())
                .matches("sha256=[0-9a-f]{64}");
        // RFC 4231 test case 2
        assertThat(DemoTraffic.hmacSha256Hex("Jefe", "what do ya want for nothing?".getBytes()))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void optionsTakeARatePerSecondAndRefuseAnUnknownMode() {
        DemoTraffic.Options options = DemoTraffic.Options.parse("--rate", "50/s", "--duration", "PT30S");

        assertThat(options.ratePerSecond()).isEqualTo(50);
        assertThat(options.mode()).isEqualTo("events");
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(DemoTraffic.Options.parse().duration()).as("no --duration: until stopped").isNull();
        assertThatThrownBy(() -> DemoTraffic.Options.parse("--mode", "carrier-pigeon"))
                .hasMessageContaining("--mode");
    }
}
