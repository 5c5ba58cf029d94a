package io.capstan.core.model;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Something that happened on the engine.
 *
 * @param type       {@code container}, {@code image}, {@code network}, {@code volume}, ...
 * @param kind       what happened, in terms every engine shares; match this, not {@code action}
 * @param action     the engine's own verb for it, as the engine said it ({@code die}, {@code health_status: healthy})
 * @param actorId    the id of the object it happened to
 * @param attributes the object's attributes at that time (for containers: its labels, {@code name}, {@code image},
 *                   and for {@link EventKind#DIED} the {@code exitCode})
 */
public record EngineEvent(String type, EventKind kind, String action, String actorId, Map<String, String> attributes,
                          Instant time) {
    public EngineEvent {
        Objects.requireNonNull(kind, "kind");
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public boolean is(EventKind expected) {
        return kind == expected;
    }
}
