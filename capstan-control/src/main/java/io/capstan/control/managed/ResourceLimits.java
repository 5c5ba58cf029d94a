package io.capstan.control.managed;

import io.capstan.core.error.InvalidSpecException;
import io.capstan.core.resource.ResourceQuantities;
import io.capstan.core.spec.Resources;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU and memory limits as the API takes them: {@code {"cpu_limit": "0.5", "memory_limit": "512Mi"}}, or in the
 * reference's form {@code {"cpu": "0.5", "memory": "512m", "disk": "1g"}}. Under Capstan's keys numbers work too (CPUs,
 * and bytes for memory); the reference's keys take strings, as there. A disk size ({@code disk}, {@code disk_limit})
 * is accepted and not applied: the engine has no per-container disk limit. A missing or null key leaves that limit
 * alone.
 */
public record ResourceLimits(Long nanoCpus, Long memoryBytes) {
    public static final ResourceLimits NONE = new ResourceLimits(null, null);
    private static final java.util.Set<String> KEYS = java.util.Set.of("cpu_limit", "memory_limit", "disk_limit",
            "cpu", "memory", "disk");

    /** Reads the JSON object under {@code field}; a bad value is an {@link InvalidRequestException} naming its key. */
    public static ResourceLimits from(Object value, String field) {
        if (value == null) {
            return NONE;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new InvalidRequestException(field, "expected an object such as {\"cpu_limit\": \"0.5\", \"memory_limit\": \"512Mi\"}"
                    + " or {\"cpu\": \"0.5\", \"memory\": \"512m\", \"disk\": \"1g\"}");
        }
        for (Object key : map.keySet()) {
            if (!KEYS.contains(key)) {
                throw new InvalidRequestException(field + "." + key, "unknown key: use cpu_limit and memory_limit "
                        + "(or cpu, memory and disk)");
            }
        }
        for (String reference : java.util.List.of("cpu", "memory", "disk")) {
            if (map.get(reference) != null && map.get(reference + "_limit") != null) {
                throw new InvalidRequestException(field + "." + reference, "give " + reference + " or " + reference
                        + "_limit, not both");
            }
            Object v = map.get(reference);
            if (v != null && !(v instanceof String)) {
                throw new InvalidRequestException(field + "." + reference, "expected a string such as "
                        + (reference.equals("cpu") ? "\"0.5\"" : "\"512m\"") + ", got " + v);
            }
        }
        Object disk = map.get("disk") != null ? map.get("disk") : map.get("disk_limit");
        if (disk != null && !(disk instanceof String) && !(disk instanceof Number)) {
            throw new InvalidRequestException(field + ".disk", "expected a size such as \"1g\", got " + disk);
        }
        String cpuKey = map.get("cpu") != null ? "cpu" : "cpu_limit";
        String memoryKey = map.get("memory") != null ? "memory" : "memory_limit";
        return new ResourceLimits(quantity(map.get(cpuKey), field + "." + cpuKey, true),
                quantity(map.get(memoryKey), field + "." + memoryKey, false));
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
