package io.capstan.core.workload;

import java.time.Instant;
import java.util.Map;

/** A secret or config as a target lists it: never its content. */
public record StoredObject(String id, String name, Map<String, String> labels, Instant created) {
    public StoredObject {
        labels = Map.copyOf(labels == null ? Map.of() : labels);
    }
}
