package io.streamgate.poller.extract;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.streamgate.core.contract.ContractRecord;
import io.streamgate.core.contract.EventIds;
import io.streamgate.poller.source.SourceConfig;

/**
 * Turns a source's polled records into contract records: {@code ce_id} from the configured id fields (joined by
 * '|') or the content hash, key from the key field, {@code ce_time} from the event time or the time received.
 */
public final class RecordMapper {

    private final String sourceId;
    private final SourceConfig config;
    private final URI ceSource;

    public RecordMapper(String sourceId, SourceConfig config) {
        this.sourceId = sourceId;
        this.config = config;
        this.ceSource = URI.create("/sources/" + sourceId);
    }

    /** Diff mode: the entity the record describes (its diff-entity fields joined by '|'), or null. */
    public String entityId(PolledRecord record) {
        return joined(config.diffEntity(), record);
    }

    /** The id fields joined by '|', or null when the source names none or one is missing from the record. */
    private static String joined(List<String> fields, PolledRecord record) {
        if (fields.isEmpty()) {
            return null;
        }
        List<String> values = new ArrayList<>(fields.size());
        for (String field : fields) {
            String value = record.field(field);
            if (value == null || value.isEmpty()) {
                return null;
            }
            values.add(value);
        }
        return String.join("|", values);
    }

    public String ceId(PolledRecord record) {
        String id = joined(config.id(), record);
        return id != null ? EventIds.delivery(id) : EventIds.contentHash(ceSource.toString(), record.payload());
    }

    public Instant eventTime(PolledRecord record) {
        return config.eventTime() == null ? null : EventTimes.of(config.eventTime(), record);
    }

    public ContractRecord toContract(PolledRecord record, Instant received) {
        Instant time = eventTime(record);
        String key = config.key().isEmpty() ? null : record.field(config.key());
        return new ContractRecord(config.topic(), key,
                ContractRecord.event(ceId(record), ceSource, config.type(),
                        (time != null ? time : received).atOffset(ZoneOffset.UTC), config.contentType(),
                        record.payload()).build(),
                Map.of());
    }

    public String sourceId() {
        return sourceId;
    }
}
