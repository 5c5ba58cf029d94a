package io.capstan.kubernetes.stack;

import java.util.Map;
import java.util.TreeMap;

/** The labels every object of a stack carries, and the ones that tell a service's pods apart (its selector). */
final class StackLabelSet {
    static final String PART_OF = "app.kubernetes.io/part-of";
    static final String NAME = "app.kubernetes.io/name";
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String STACK = "io.capstan.stack";
    static final String SERVICE = "io.capstan.service";

    private StackLabelSet() {
    }

    static Map<String, String> stack(String stack) {
        Map<String, String> labels = new TreeMap<>();
        labels.put(PART_OF, stack);
        labels.put(STACK, stack);
        labels.put(MANAGED_BY, "capstan");
        return labels;
    }

    static Map<String, String> service(String stack, String service) {
        Map<String, String> labels = stack(stack);
        labels.put(NAME, service);
        labels.put(SERVICE, service);
        return labels;
    }

    /** What a workload's selector and its Service's selector match: the pod template carries both. */
    static Map<String, String> selector(String stack, String service) {
        Map<String, String> labels = new TreeMap<>();
        labels.put(PART_OF, stack);
        labels.put(NAME, service);
        return labels;
    }
}
