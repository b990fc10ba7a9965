package io.streamgate.gateway.publish;

import java.util.function.Consumer;

import io.streamgate.core.contract.ContractRecord;

/** A request's records in order, handed on one at a time (a {@code List<ContractRecord>} is one: {@code list::forEach}). */
@FunctionalInterface
public interface RecordStream {

    void forEach(Consumer<ContractRecord> each);
}
