package io.capstan.kubernetes.stack;

import java.util.Map;
import java.util.TreeMap;
import io.capstan.core.label.Labels;

/** The labels every object of a stack carries, and the ones that tell a service's pods apart (its selector). */
final class StackLabelSet {
    static final String PART_OF = Labels.KUBERNETES_PART_OF;
    static final String NAME = Labels.KUBERNETES_NAME;
    static final String MANAGED_BY = Labels.KUBERNETES_MANAGED_BY;
    static final String STACK = Labels.STACK;
    static final String SERVICE = Labels.SERVICE;

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
