package io.streamgate.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import io.streamgate.gateway.support.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** Reading one request's records out of a topic that other tests of the same source write to as well. */
final class Records {

    private Records() {
    }

    /** The records with these {@code ce_id}s, in this order, once the last of them is in the topic. */
    static List<ConsumerRecord<byte[], byte[]>> withIds(TopicReader topics, String topic, List<String> ids) {
        Set<String> wanted = Set.copyOf(ids);
        List<ConsumerRecord<byte[], byte[]>> records = topics.readUpTo(topic, ids.get(ids.size() - 1)).stream()
                .filter(record -> wanted.contains(TopicReader.ceId(record)))
                .toList();
        assertThat(records).extracting(TopicReader::ceId).containsExactlyElementsOf(ids);
        return records;
    }

    /** Every record of the topic up to the marker's; a refused request's records would be among them. */
    static List<String> valuesUpTo(TopicReader topics, String topic, String markerId) {
        List<ConsumerRecord<byte[], byte[]>> records = topics.readUpTo(topic, markerId);
        assertThat(records).extracting(TopicReader::ceId).contains(markerId);
        return records.stream().map(Records::value).toList();
    }

    /** rest-assured sends bytes as they are; it has no encoder of its own for application/x-ndjson text. */
    static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    static String value(ConsumerRecord<byte[], byte[]> record) {
        return record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
    }

    static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static String key(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    }
}
