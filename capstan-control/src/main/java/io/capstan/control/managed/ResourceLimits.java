package io.capstan.control.managed;

import io.capstan.core.error.InvalidSpecException;
import io.capstan.core.resource.ResourceQuantities;
import io.capstan.core.spec.Resources;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU and memory limits as the API takes them: {@code {"cpu_limit": "0.5", "memory_limit": "512Mi"}}. Numbers work
 * too (CPUs, and bytes for memory); a missing or null key leaves that limit alone.
 */
public record ResourceLimits(Long nanoCpus, Long memoryBytes) {
    public static final ResourceLimits NONE = new ResourceLimits(null, null);

    /** Reads the JSON object under {@code field}; a bad value is an {@link InvalidRequestException} naming its key. */
    public static ResourceLimits from(Object value, String field) {
        if (value == null) {
            return NONE;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new InvalidRequestException(field, "expected an object such as {\"cpu_limit\": \"0.5\", \"memory_limit\": \"512Mi\"}");
        }
        for (Object key : map.keySet()) {
            if (!"cpu_limit".equals(key) && !"memory_limit".equals(key)) {
                throw new InvalidRequestException(field + "." + key, "unknown key: use cpu_limit and memory_limit");
            }
        }
        return new ResourceLimits(quantity(map.get("cpu_limit"), field + ".cpu_limit", true),
                quantity(map.get("memory_limit"), field + ".memory_limit", false));
    }

    private static Long quantity(Object value, String field, boolean cpu) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof String) && !(value instanceof Number)) {
            throw new InvalidRequestException(field, "expected a string or a number, got " + value);
        }
        String text = value.toString();
        try {
            return cpu ? ResourceQuantities.parseCpu(text) : ResourceQuantities.parseMemory(text);
        } catch (InvalidSpecException e) {
            throw new InvalidRequestException(field, e.getMessage());
        }
    }

    /** The limits for the engine: what is not given stays as it is (0). */
    public Resources toResources() {
        return new Resources(nanoCpus == null ? 0 : nanoCpus, memoryBytes == null ? 0 : memoryBytes);
    }

    public boolean isEmpty() {
        return nanoCpus == null && memoryBytes == null;
    }

    /** The JSON form kept with the desired state. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        if (nanoCpus != null) {
            json.put("cpu_limit", ResourceQuantities.formatCpu(nanoCpus));
        }
        if (memoryBytes != null) {
            json.put("memory_limit", memoryBytes);
        }
        return json;
    }
}
