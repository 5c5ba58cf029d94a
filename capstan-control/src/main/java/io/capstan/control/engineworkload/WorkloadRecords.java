package io.capstan.control.engineworkload;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.label.Labels;
import io.capstan.core.model.ContainerSummary;
import io.capstan.core.spec.ContainerSpec;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The record containers of an engine's workloads: written, found and removed. */
final class WorkloadRecords {
    /** A record is never started; this command only lets the engine create it from an image that has none. */
    private static final String NEVER_RUN = "capstan-workload-record";

    private final ContainerEngine engine;

    WorkloadRecords(ContainerEngine engine) {
        this.engine = engine;
    }

    /** The workload named (or with the id) {@code ref}, from its newest record. */
    Optional<WorkloadRecord> find(String ref) {
        Optional<WorkloadRecord> byName = newest(containers(Map.of(Labels.WORKLOAD, ref))).stream().findFirst();
        return byName.isPresent() ? byName
                : newest(containers(Map.of(Labels.WORKLOAD_ID, ref))).stream().findFirst();
    }

    WorkloadRecord require(String ref) {
        return find(ref).orElseThrow(() -> new NotFoundException("workload", ref));
    }

    /** Every workload carrying all of {@code labels}, by name. */
    List<WorkloadRecord> all(Map<String, String> labels) {
        return newest(containers(labels)).stream().sorted(Comparator.comparing(WorkloadRecord::name)).toList();
    }

    /** Writes {@code record} as the workload's newest, then removes its older records. */
    void write(WorkloadRecord record) {
        engine.containers().create(ContainerSpec.builder(record.spec().image()).name(record.containerName())
                .command(NEVER_RUN).labels(record.labels()).build());
        for (ContainerSummary old : containers(Map.of(Labels.WORKLOAD, record.name()))) {
            if (WorkloadRecord.generation(old) < record.generation()) {
                removeQuietly(old.id());
            }
        }
    }

    void removeAll(String name) {
        containers(Map.of(Labels.WORKLOAD, name)).forEach(c -> removeQuietly(c.id()));
    }

    private void removeQuietly(String id) {
        try {
            engine.containers().remove(id, true, false);
        } catch (NotFoundException gone) {
            // removed by a concurrent writer already
        }
    }

    private List<ContainerSummary> containers(Map<String, String> labels) {
        Map<String, String> wanted = new HashMap<>(labels);
        wanted.put(Labels.WORKLOAD_ROLE, WorkloadRecord.ROLE);
        wanted.putAll(Labels.owned());
        return engine.containers().list(ContainerFilter.allWithLabels(wanted));
    }

    /** Of each workload's records, the newest generation. */
    private static List<WorkloadRecord> newest(List<ContainerSummary> records) {
        return records.stream()
                .collect(Collectors.toMap(c -> c.labels().get(Labels.WORKLOAD), Function.identity(),
                        (a, b) -> WorkloadRecord.generation(a) >= WorkloadRecord.generation(b) ? a : b))
                .values().stream().map(WorkloadRecord::of).toList();
    }
}
