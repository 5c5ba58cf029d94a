package io.capstan.core.engine;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Which events a subscription delivers.
 *
 * @param types   {@code container}, {@code network}, ... (empty: all)
 * @param labels  only events of objects carrying every one of these labels (empty: any)
 * @param since   replay events from this time on (null: only new ones)
 */
public record EventFilter(Set<String> types, Map<String, String> labels, Instant since) {
    public static final EventFilter ALL = new EventFilter(Set.of(), Map.of(), null);

    public EventFilter {
        types = types == null ? Set.of() : Set.copyOf(types);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public static EventFilter containers(Map<String, String> labels) {
        return new EventFilter(Set.of("container"), labels, null);
    }
}
