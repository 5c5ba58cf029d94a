package io.capstan.core.workload;

import java.util.Map;

/**
 * One machine of a cluster.
 *
 * @param id            the cluster's id for it
 * @param hostname      its host name
 * @param role          {@code manager} or {@code worker}
 * @param availability  {@code active}, {@code pause} or {@code drain}
 * @param state         {@code ready}, {@code down}, {@code unknown}, ...
 * @param address       the address the cluster reaches it at
 * @param leader        true for the managers' leader
 * @param engineVersion the version of its container engine
 * @param labels        the node's labels, for placement constraints
 */
public record NodeInfo(String id, String hostname, String role, String availability, String state, String address,
                       boolean leader, String engineVersion, Map<String, String> labels) {
    public NodeInfo {
        labels = Map.copyOf(labels == null ? Map.of() : labels);
    }

    public boolean isReady() {
        return "ready".equals(state);
    }
}
