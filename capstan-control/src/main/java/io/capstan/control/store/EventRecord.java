package io.capstan.control.store;

import java.time.Instant;
import java.util.Map;

/** One lifecycle change of a managed container (the {@code events} row); {@code id} is 0 until stored. */
public record EventRecord(long id, String image, String containerId, String name, String host,
                          Map<String, Object> ports, String status, String event, Instant ts) {
    public EventRecord {
        ports = ports == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(ports));
    }

    /** A decision of the control plane itself (a restart, a scale, a rollout step), recorded now. */
    public static EventRecord decision(String image, String containerId, String name, String host, String event,
                                       String status) {
        return new EventRecord(0, image, containerId, name, host, Map.of(), status, event, Instant.now());
    }

    public EventRecord withId(long newId) {
        return new EventRecord(newId, image, containerId, name, host, ports, status, event, ts);
    }
}
