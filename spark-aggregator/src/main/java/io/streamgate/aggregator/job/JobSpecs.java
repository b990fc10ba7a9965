package io.streamgate.aggregator.job;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A job spec as canonical JSON (its YAML keys, sorted, defaults filled in) and a fingerprint of the part that
 * decides what the tables hold: everything but the trigger and the sinks, which change how often and where results
 * go, not what they are. Kept in the tables' properties, so a start can tell what built the data (issue #17
 * classifies the differences).
 */
public final class JobSpecs {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private JobSpecs() {
    }

    public static String canonicalJson(JobSpec job) {
        try {
            return JSON.writeValueAsString(job);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write job " + job.name() + " as JSON", e);
        }
    }

    public static String fingerprint(JobSpec job) {
        JobSpec content = new JobSpec(job.name(), job.input(), job.eventTime(), job.dedupKey(), job.groupBy(),
                job.measures(), job.counter(), job.lookups(), job.window(), job.watermark(), job.horizon(), null, null);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(canonicalJson(content).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
