package io.capstan.stack.swarm;

import io.capstan.core.label.Labels;

import java.util.LinkedHashMap;
import java.util.Map;

/** Names and labels of a stack's objects on a Swarm, as {@code docker stack deploy} gives them. */
public final class SwarmNames {
    /** The label {@code docker stack ls/ps/rm} find a stack's objects by. */
    public static final String NAMESPACE = Labels.SWARM_STACK_NAMESPACE;
    /** A hash of a service's whole spec, so that {@code up} and {@code plan} see what changed. */
    public static final String SPEC_HASH = Labels.SWARM_SPEC_HASH;

    private SwarmNames() {
    }

    public static String service(String stack, String service) {
        return stack + "_" + service;
    }

    /** A secret's or config's name: a changed content is a new name, since Swarm cannot change one in place. */
    public static String stored(String stack, String key, String contentHash) {
        return stack + "_" + key + "_" + contentHash.substring(0, Math.min(10, contentHash.length()));
    }

    /** Labels of everything Capstan creates for the stack on a Swarm. */
    public static Map<String, String> labels(String stack) {
        Map<String, String> labels = new LinkedHashMap<>(Labels.owned());
        labels.put(Labels.STACK, stack);
        labels.put(NAMESPACE, stack);
        return labels;
    }

    /** Only what Capstan created for this stack. */
    public static Map<String, String> filter(String stack) {
        return Map.of(Labels.OWNER, "true", NAMESPACE, stack);
    }
}
