package io.capstan.control.managed;

import io.capstan.core.hash.ConfigHash;

import java.util.Map;
import java.util.TreeMap;

/**
 * The hash of what a container was made from — image reference, environment, ports and command — kept in its
 * {@link ManagedState#SPEC_LABEL} label, so that the reconciler can tell, after any restart of its own, which
 * replicas still match their image's desired state. Resources are not in it: they change in place
 * ({@code docker update}), and the reconciler compares them by value.
 */
public final class ReplicaSpec {
    private ReplicaSpec() {
    }

    public static String hash(CreateRequest request) {
        StringBuilder canonical = new StringBuilder(request.image()).append('\n');
        new TreeMap<>(request.env()).forEach((k, v) -> canonical.append("env ").append(k).append('=').append(v).append('\n'));
        new TreeMap<String, Integer>(request.ports()).forEach((k, v) ->
                canonical.append("port ").append(k).append('=').append(v == null ? 0 : v).append('\n'));
        request.command().forEach(arg -> canonical.append("arg ").append(arg.length()).append(':').append(arg).append('\n'));
        return ConfigHash.of(canonical.toString(), 16);
    }

    /** Whether the request binds a fixed host port, which only one replica at a time can hold. */
    public static boolean bindsFixedHostPort(Map<String, Integer> ports) {
        return ports.values().stream().anyMatch(p -> p != null && p != 0);
    }
}
