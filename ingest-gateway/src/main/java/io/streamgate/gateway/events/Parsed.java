package io.streamgate.gateway.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamgate.core.contract.ContractRecord;

/**
 * A record ready for Kafka, with the JSON view of its payload that a schema is checked against: the JSON record
 * itself, a CSV row as an object of column name to text, or null when the payload is neither.
 */
record Parsed(ContractRecord record, JsonNode view) {
}
