package io.streamgate.gateway.events;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.streamgate.core.contract.ContractRecord;

/**
 * The 202 answer, gathered as the records are sent: {@code {"accepted": n, "ids": [...]}}, or for more than
 * {@value #LISTED} records only the count with {@code firstId} and {@code lastId} (the ids in between follow from
 * the request: id + index, or each record's content hash).
 */
final class Accepted {

    static final int LISTED = 100;

    private final List<String> ids = new ArrayList<>();
    private String lastId;
    private int count;

    void add(ContractRecord record) {
        lastId = record.event().getId();
        if (count++ < LISTED) {
            ids.add(lastId);
        }
    }

    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accepted", count);
        if (count <= LISTED) {
            body.put("ids", ids);
        } else {
            body.put("firstId", ids.get(0));
            body.put("lastId", lastId);
        }
        return body;
    }
}
