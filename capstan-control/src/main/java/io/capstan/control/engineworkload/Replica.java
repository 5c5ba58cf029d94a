package io.capstan.control.engineworkload;

import io.capstan.core.label.Labels;
import io.capstan.core.model.ContainerInfo;

/** One replica's container as the engine last described it. */
record Replica(ContainerInfo container) {
    int slot() {
        return Integer.parseInt(container.labels().getOrDefault(Labels.WORKLOAD_SLOT, "0"));
    }

    String specHash() {
        return container.labels().getOrDefault(Labels.WORKLOAD_SPEC_HASH, "");
    }

    String id() {
        return container.id();
    }
}
