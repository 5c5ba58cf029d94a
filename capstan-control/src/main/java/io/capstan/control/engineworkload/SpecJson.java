package io.capstan.control.engineworkload;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.capstan.core.error.EngineException;
import io.capstan.core.hash.ConfigHash;
import io.capstan.core.label.Labels;
import io.capstan.core.workload.UpdatePolicy;
import io.capstan.core.workload.WorkloadSpec;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * A workload's spec as the compact JSON its record keeps in a label, so that a later process reads back what an
 * earlier one created. Map entries are written in key order, so the same spec always gives the same text and hash.
 */
final class SpecJson {
    private static final int HASH_LENGTH = 12;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .addModule(new SimpleModule().addSerializer(Duration.class, new DurationText())
                    .addDeserializer(Duration.class, new DurationParser()))
            .build();

    private SpecJson() {
    }

    static String write(WorkloadSpec spec) {
        try {
            return JSON.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a workload spec is plain data and always writes as JSON", e);
        }
    }

    /** Reads a spec written by {@link #write}; {@code where} names the container it came from, for the error. */
    static WorkloadSpec read(String json, String where) {
        try {
            return JSON.readValue(json, WorkloadSpec.class);
        } catch (JsonProcessingException e) {
            long at = e.getLocation() == null ? 0 : e.getLocation().getCharOffset();
            throw new EngineException("the workload spec in label " + Labels.WORKLOAD_SPEC + " of container " + where
                    + " cannot be read (at character " + at + "): it was changed by hand or by another program");
        }
    }

    /**
     * A hash of what a replica runs: the spec without what never reaches a container (the number of replicas, the
     * update and rollback policies, the workload's own labels), so that scaling or relabelling replaces no replica.
     */
    static String replicaHash(WorkloadSpec spec) {
        WorkloadSpec template = spec.toBuilder().replicas(1).update(UpdatePolicy.DEFAULT)
                .rollback(UpdatePolicy.DEFAULT).labels(Map.of()).build();
        return ConfigHash.of(write(template), HASH_LENGTH);
    }

    private static final class DurationText extends JsonSerializer<Duration> {
        @Override
        public void serialize(Duration value, JsonGenerator out, SerializerProvider provider) throws IOException {
            out.writeString(value.toString());
        }
    }

    private static final class DurationParser extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser in, DeserializationContext context) throws IOException {
            return Duration.parse(in.getValueAsString());
        }
    }
}
