package io.capstan.core.engine;

import java.util.Map;

/**
 * Which containers a listing returns.
 *
 * @param all    include stopped containers
 * @param labels only containers carrying every one of these labels; an empty value matches any value
 * @param name   only containers whose name contains this (null: any)
 */
public record ContainerFilter(boolean all, Map<String, String> labels, String name) {
    public static final ContainerFilter RUNNING = new ContainerFilter(false, Map.of(), null);
    public static final ContainerFilter ALL = new ContainerFilter(true, Map.of(), null);

    public ContainerFilter {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public static ContainerFilter allWithLabels(Map<String, String> labels) {
        return new ContainerFilter(true, labels, null);
    }
}
