package io.streamgate.core.contract;

import java.util.Map;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads a contract record back with the CloudEvents SDK's Kafka deserializer, as any consumer would. */
public final class ContractReader {

    private ContractReader() {
    }

    public static CloudEvent read(ConsumerRecord<?, byte[]> record) {
        try (CloudEventDeserializer deserializer = new CloudEventDeserializer()) {
            deserializer.configure(Map.of(), false);
            return deserializer.deserialize(record.topic(), record.headers(), record.value());
        }
    }
}
