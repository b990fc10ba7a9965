package io.streamgate.poller.produce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.cloudevents.CloudEvent;
import io.streamgate.core.contract.ContractRecord;
import io.streamgate.poller.TopicReader;
import io.streamgate.poller.cursor.CursorState;
import io.streamgate.poller.cursor.CursorStore;
import io.streamgate.poller.source.PollerProperties;
import io.streamgate.testsupport.kafka.KafkaBrokerExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;

/** A source's transactional id makes a stale instance harmless: what it had not committed never shows. */
class FencingTest {

    private static final String BOOTSTRAP = KafkaBrokerExtension.shared().bootstrapServers();
    private static final String CURSORS = "fencing.cursors";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final KafkaClients clients = clients();
    private final CursorStore store = new CursorStore(CURSORS);

    @BeforeAll
    static void cursorTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            if (!admin.listTopics().names().get().contains(CURSORS)) {
                admin.createTopics(List.of(new NewTopic(CURSORS, 1, (short) 1)
                        .configs(Map.of("cleanup.policy", "compact")))).all().get();
            }
        }
    }

    private static KafkaClients clients() {
        KafkaProperties kafka = new KafkaProperties();
        kafka.setBootstrapServers(List.of(BOOTSTRAP));
        PollerProperties.HttpSettings http = new PollerProperties.HttpSettings(Duration.ofSeconds(1),
                Duration.ofSeconds(1), 1, Duration.ofMillis(1), 2, 0.5, Duration.ofSeconds(1), 1, 50,
                Duration.ofSeconds(1));
        return new KafkaClients(kafka, new PollerProperties(CURSORS, 1, "fencing-test", 1, Duration.ofSeconds(10), http, Map.of()));
    }

    private static ContractRecord record(String topic, String id) {
        CloudEvent event = ContractRecord.event(id, URI.create("/sources/fenced"), "mta.turnstile.reading",
                OffsetDateTime.parse("2024-01-06T08:00:00Z"), "application/json",
                ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8)).build();
        return new ContractRecord(topic, null, event, Map.of());
    }

    private SourceWriter.Opened open(String source) {
        try (Consumer<String, byte[]> committed = clients.cursorReader(source, true);
                Consumer<String, byte[]> ends = clients.cursorReader(source, false)) {
            return SourceWriter.open(clients.producer(source), committed, ends, store, Set.of(source), TIMEOUT);
        }
    }

    @Test
    void aNewInstanceFencesTheOldOneWhichCanNoLongerCommit() {
        SourceWriter.Opened old = open("fenced");
        CursorState page1 = new CursorState(null, "http://p/feed?page=2", null, null, null, null, null, null);
        old.writer().commit(List.of(record("fencing.records", "a")), "fenced", page1);

        SourceWriter.Opened current = open("fenced");
        assertThat(current.states().get("fenced")).isEqualTo(page1);
        assertThatThrownBy(() -> old.writer().commit(List.of(record("fencing.records", "b")), "fenced",
                CursorState.EMPTY)).isInstanceOf(SourceWriter.FencedException.class);
        current.writer().commit(List.of(record("fencing.records", "c")), "fenced", CursorState.EMPTY);

        assertThat(TopicReader.events(BOOTSTRAP, "fencing.records")).extracting(CloudEvent::getId)
                .containsExactly("a", "c");
        old.writer().close();
        current.writer().close();
    }

    @Test
    void whatACrashedInstanceLeftInAnOpenTransactionIsAbortedWhenTheSourceReopens() {
        Producer<String, CloudEvent> crashed = clients.producer("crashed");
        crashed.initTransactions();
        crashed.beginTransaction();
        crashed.send(record("fencing.crashed", "lost").toProducerRecord());
        store.records("crashed", CursorState.EMPTY, new CursorState("9", null, null, null, null, null, null, null))
                .forEach(crashed::send);
        crashed.flush(); // on the broker, never committed: the process "dies" here

        SourceWriter.Opened reopened = open("crashed");
        assertThat(reopened.states().get("crashed")).isEqualTo(CursorState.EMPTY);
        reopened.writer().commit(List.of(record("fencing.crashed", "kept")), "crashed", CursorState.EMPTY);
        assertThat(TopicReader.events(BOOTSTRAP, "fencing.crashed")).extracting(CloudEvent::getId)
                .containsExactly("kept");
        reopened.writer().close();
        crashed.close(Duration.ZERO);
    }

    @Test
    void anotherSourcesOpenTransactionDoesNotHideANewerCursor() {
        SourceWriter.Opened first = open("behind");
        first.writer().commit(List.of(), "behind", new CursorState("1", null, null, null, null, null, null, null));
        Producer<String, CloudEvent> other = clients.producer("other-source");
        other.initTransactions();
        other.beginTransaction(); // another source's page, still open on the same (only) partition
        store.records("other-source", CursorState.EMPTY, CursorState.EMPTY).forEach(other::send);
        other.flush();
        CursorState newer = new CursorState("2", null, null, null, null, null, null, null);
        first.writer().commit(List.of(), "behind", newer); // beyond the last stable offset
        first.writer().close();

        // while the other transaction is open, the last stable offset hides the newer cursor: a load waits rather
        // than answer with the older one, and says why when its time is up
        try (Consumer<String, byte[]> committed = clients.cursorReader("behind", true);
                Consumer<String, byte[]> ends = clients.cursorReader("behind", false)) {
            assertThatThrownBy(() -> store.load(committed, ends, Set.of("behind"), Duration.ofSeconds(2)))
                    .hasMessageContaining("a transaction stays open longer than the producers' transaction timeout");
        }
        CompletableFuture<SourceWriter.Opened> reopening = CompletableFuture.supplyAsync(() -> open("behind"));
        other.abortTransaction();
        SourceWriter.Opened reopened = reopening.join();
        assertThat(reopened.states().get("behind")).isEqualTo(newer);
        reopened.writer().close();
        other.close(Duration.ZERO);
    }
}
