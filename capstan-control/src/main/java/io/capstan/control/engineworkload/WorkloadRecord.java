package io.capstan.control.engineworkload;

import io.capstan.core.label.Labels;
import io.capstan.core.model.ContainerSummary;
import io.capstan.core.workload.WorkloadSpec;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one engine keeps of a workload as a whole, in the labels of a container that is never started (so that a
 * workload scaled to zero still exists, and a later process finds it). Labels cannot change, so every change is a
 * new record of the next generation.
 *
 * @param id         the workload's id, the same for its whole life
 * @param spec       what it runs now
 * @param previous   what it ran before the last update or rollback (null before any)
 * @param generation counts up with every change
 * @param change     {@code update} or {@code rollback}: what made {@link #spec} (empty before any)
 * @param created    when the workload was created
 * @param updated    when this record was written
 */
record WorkloadRecord(String id, WorkloadSpec spec, WorkloadSpec previous, long generation, String change,
                      Instant created, Instant updated) {
    static final String ROLE = "record";
    static final String UPDATE = "update";
    static final String ROLLBACK = "rollback";

    WorkloadRecord {
        change = change == null ? "" : change;
    }

    String name() {
        return spec.name();
    }

    /** The next generation, running {@code newSpec}; {@code change} says how it came ({@code null}: kept). */
    WorkloadRecord next(WorkloadSpec newSpec, WorkloadSpec newPrevious, String newChange) {
        return new WorkloadRecord(id, newSpec, newPrevious, generation + 1, newChange == null ? change : newChange,
                created, Instant.now());
    }

    /** The record container's name: {@code <workload>.record.<generation>}. */
    String containerName() {
        return name() + ".record." + generation;
    }

    Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>(spec.labels());
        labels.putAll(Labels.owned());
        labels.put(Labels.WORKLOAD, name());
        labels.put(Labels.WORKLOAD_ROLE, ROLE);
        labels.put(Labels.WORKLOAD_ID, id);
        labels.put(Labels.WORKLOAD_GENERATION, String.valueOf(generation));
        labels.put(Labels.WORKLOAD_CREATED, created.toString());
        labels.put(Labels.WORKLOAD_SPEC, SpecJson.write(spec));
        if (previous != null) {
            labels.put(Labels.WORKLOAD_PREVIOUS_SPEC, SpecJson.write(previous));
        }
        if (!change.isEmpty()) {
            labels.put(Labels.WORKLOAD_CHANGE, change);
        }
        return labels;
    }

    static WorkloadRecord of(ContainerSummary container) {
        Map<String, String> labels = container.labels();
        String previous = labels.get(Labels.WORKLOAD_PREVIOUS_SPEC);
        return new WorkloadRecord(labels.get(Labels.WORKLOAD_ID),
                SpecJson.read(labels.get(Labels.WORKLOAD_SPEC), container.name()),
                previous == null ? null : SpecJson.read(previous, container.name()),
                generation(container), labels.get(Labels.WORKLOAD_CHANGE),
                Instant.parse(labels.get(Labels.WORKLOAD_CREATED)), container.created());
    }

    static long generation(ContainerSummary container) {
        return Long.parseLong(container.labels().getOrDefault(Labels.WORKLOAD_GENERATION, "0"));
    }
}
