package io.capstan.control.engineworkload;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.label.Labels;
import io.capstan.core.model.ContainerSummary;
import io.capstan.core.spec.VolumeSpec;
import io.capstan.core.workload.WorkloadSpec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The replica containers of workloads on one engine: listed, started, stopped and removed. */
final class ReplicaContainers {
    private static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

    private final ContainerEngine engine;

    ReplicaContainers(ContainerEngine engine) {
        this.engine = engine;
    }

    /** The workload's replicas, by slot. */
    List<Replica> of(String workload) {
        List<Replica> replicas = new ArrayList<>();
        for (ContainerSummary c : engine.containers().list(ContainerFilter.allWithLabels(
                Map.of(Labels.WORKLOAD, workload, Labels.WORKLOAD_ROLE, ReplicaTemplate.ROLE, Labels.OWNER, "true")))) {
            try {
                replicas.add(new Replica(engine.containers().inspect(c.id())));
            } catch (NotFoundException gone) {
                // removed between listing and inspecting
            }
        }
        replicas.sort(Comparator.comparingInt(Replica::slot).thenComparing(r -> r.container().created()));
        return replicas;
    }

    /**
     * Pulls the image when the engine lacks it, checks that the networks exist and makes the named volumes the spec
     * describes, before any of the workload's containers is touched: a missing network fails the request with
     * nothing changed.
     */
    void prepare(WorkloadSpec spec) {
        try {
            engine.images().inspect(spec.image());
        } catch (NotFoundException missing) {
            engine.images().pull(spec.image(), progress -> { });
        }
        for (String network : spec.networks()) {
            try {
                engine.networks().inspect(network);
            } catch (NotFoundException e) {
                throw new NotFoundException("network", network, "workload '" + spec.name() + "': network '"
                        + network + "' not found: create it first", null);
            }
        }
        for (VolumeSpec volume : spec.volumes().values()) {
            try {
                engine.volumes().inspect(volume.name());
            } catch (NotFoundException missing) {
                engine.volumes().create(volume);
            }
        }
    }

    /** Creates and starts the replica in {@code slot}; a replica that cannot start is removed again. */
    String start(WorkloadSpec spec, int slot) {
        String id = engine.containers().create(ReplicaTemplate.containerSpec(spec, slot));
        try {
            engine.containers().start(id);
        } catch (RuntimeException e) {
            remove(id, Duration.ZERO);
            throw e;
        }
        return id;
    }

    void remove(Replica replica, WorkloadSpec spec) {
        Duration grace = spec.replica().stopGracePeriod();
        remove(replica.id(), grace == null ? DEFAULT_GRACE : grace);
    }

    private void remove(String id, Duration grace) {
        try {
            engine.containers().stop(id, grace);
            engine.containers().remove(id, true, false);
        } catch (NotFoundException gone) {
            // already removed
        }
    }
}
