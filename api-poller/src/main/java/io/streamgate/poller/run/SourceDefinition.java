package io.streamgate.poller.run;

import io.streamgate.poller.extract.RecordMapper;
import io.streamgate.poller.source.SourceConfig;

/** A configured source and the mapping of its records to the contract. */
public record SourceDefinition(String id, SourceConfig config, RecordMapper mapper) {

    public static SourceDefinition of(String id, SourceConfig config) {
        return new SourceDefinition(id, config, new RecordMapper(id, config));
    }
}
