package io.streamgate.gateway.events;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.streamgate.core.contract.ContractRecord;

/**
 * The 202 answer: {@code {"accepted": n, "ids": [...]}}, or for more than {@value #LISTED} records only the count
 * with {@code firstId} and {@code lastId} (the ids in between follow from the request: id + index, or each record's
 * content hash).
 */
final class Accepted {

    static final int LISTED = 100;

    private Accepted() {
    }

    static Map<String, Object> of(List<ContractRecord> records) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accepted", records.size());
        List<String> ids = records.stream().map(record -> record.event().getId()).toList();
        if (ids.size() <= LISTED) {
            body.put("ids", ids);
        } else {
            body.put("firstId", ids.get(0));
            body.put("lastId", ids.get(ids.size() - 1));
        }
        return body;
    }
}
