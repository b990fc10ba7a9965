package io.streamgate.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventSerializer;
import io.streamgate.core.producer.DurableProducerSettings;
import io.streamgate.testsupport.kafka.KafkaBroker;
import io.streamgate.testsupport.kafka.KafkaBrokerExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class ContractRoundTripTest {

    @Test
    void aRecordWeWriteIsReadBackByTheCloudEventsKafkaDeserializerWithItsExactPayload(KafkaBroker broker)
            throws Exception {
        String topic = "contract-" + UUID.randomUUID();
        byte[] payload = "A002,R051,02-00-00,59 ST,NQR456W,BMT,09/14/2024,04:00:00,REGULAR,7,2"
                .getBytes(StandardCharsets.UTF_8);
        OffsetDateTime time = OffsetDateTime.of(2024, 9, 14, 8, 0, 0, 0, ZoneOffset.UTC);
        CloudEvent event = ContractRecord.event(EventIds.element("req-1", 0), URI.create("/sources/turnstile"),
                "mta.turnstile.reading", time, "text/csv", payload).withSubject("A002").build();
        ContractRecord record = new ContractRecord(topic, "A002|R051|02-00-00", event, Map.of("x-sender", "test"));

        Map<String, Object> config = new HashMap<>(DurableProducerSettings.apply(Map.of()));
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        try (KafkaProducer<String, CloudEvent> producer =
                new KafkaProducer<>(config, new StringSerializer(), new CloudEventSerializer())) {
            producer.send(record.toProducerRecord()).get();
        }

        ConsumerRecord<byte[], byte[]> read = readOne(broker, topic);
        CloudEvent back = ContractReader.read(read);
        assertThat(back.getId()).isEqualTo("req-1:0");
        assertThat(back.getSource()).isEqualTo(URI.create("/sources/turnstile"));
        assertThat(back.getType()).isEqualTo("mta.turnstile.reading");
        assertThat(back.getTime()).isEqualTo(time);
        assertThat(back.getSubject()).isEqualTo("A002");
        assertThat(back.getDataContentType()).isEqualTo("text/csv");
        assertThat(back.getData().toBytes()).isEqualTo(payload);
        assertThat(read.value()).isEqualTo(payload);
        assertThat(new String(read.key(), StandardCharsets.UTF_8)).isEqualTo("A002|R051|02-00-00");
        assertThat(header(read, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(read, "ce_id")).isEqualTo("req-1:0");
        assertThat(header(read, "content-type")).isEqualTo("text/csv");
        assertThat(header(read, "x-sender")).isEqualTo("test");
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static ConsumerRecord<byte[], byte[]> readOne(KafkaBroker broker, String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "contract-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            assertThat(records).hasSize(1);
            return records.get(0);
        }
    }
}
