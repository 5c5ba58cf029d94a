package io.capstan.core.model;

import java.time.Instant;
import java.util.Map;

/**
 * Something that happened on the engine.
 *
 * @param type       {@code container}, {@code image}, {@code network}, {@code volume}, ...
 * @param action     {@code create}, {@code start}, {@code die}, {@code destroy}, ...
 * @param actorId    the id of the object it happened to
 * @param attributes the object's attributes at that time (for containers: its labels, {@code name}, {@code image},
 *                   and for {@code die} the {@code exitCode})
 */
public record EngineEvent(String type, String action, String actorId, Map<String, String> attributes, Instant time) {
    public EngineEvent {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
