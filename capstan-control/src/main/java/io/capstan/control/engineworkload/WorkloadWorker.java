package io.capstan.control.engineworkload;

import io.capstan.control.replicas.InParallel;
import io.capstan.core.workload.UpdatePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Brings one workload's replicas to its record on a virtual thread of its own: the slots it should run, then a
 * requested rollout. Requests only wake it, so the target's calls return at once; a newer request ends the rollout
 * in progress between two batches. A step that fails is tried again a little later (a rollout then counts as
 * paused). Nothing of a rollout survives the process: {@link #close} stops it.
 */
final class WorkloadWorker {
    private static final Logger LOG = LoggerFactory.getLogger(WorkloadWorker.class);
    /** How long after a failed step (a replica that would not start, an engine that did not answer) it tries again. */
    private static final Duration RETRY = Duration.ofSeconds(5);
    private static final Comparator<Replica> NEWEST_FIRST =
            Comparator.comparing((Replica r) -> r.container().created()).reversed();

    /** A rollout to run: with which policy, and whether it is a rollback. */
    private record Rollout(UpdatePolicy policy, boolean rollback) {
    }

    private final String name;
    private final WorkloadRecords records;
    private final ReplicaContainers replicas;
    private final RollingUpdate rollingUpdate;
    private final Thread thread;
    private boolean woken;
    private Rollout requested;
    private volatile boolean superseded;
    private volatile boolean closed;
    private volatile String updateState;

    WorkloadWorker(String name, WorkloadRecords records, ReplicaContainers replicas, RollingUpdate rollingUpdate) {
        this.name = name;
        this.records = records;
        this.replicas = replicas;
        this.rollingUpdate = rollingUpdate;
        this.thread = Thread.ofVirtual().name("capstan-workload-" + name).start(this::work);
    }

    /** Brings the number of replicas to the record's. */
    synchronized void converge() {
        woken = true;
        notifyAll();
    }

    /** Rolls the replicas out to the record's spec; ends a rollout in progress first. */
    synchronized void rollout(UpdatePolicy policy, boolean rollback) {
        requested = new Rollout(policy, rollback);
        updateState = rollback ? "rollback_started" : "updating";
        superseded = true;
        converge();
    }

    /** What this process knows of the last rollout ({@code null}: none ran here). */
    String updateState() {
        return updateState;
    }

    /** Stops the work after the engine call in progress (an interrupt could cut one short after the engine acted). */
    void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void work() {
        while (!closed) {
            Rollout rollout;
            synchronized (this) {
                while (!woken && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                woken = false;
                rollout = requested;
                requested = null;
                superseded = false;
            }
            try {
                fillSlots();
                if (rollout != null) {
                    rollingUpdate.run(name, rollout.policy(), rollout.rollback(), state -> updateState = state,
                            () -> closed || superseded);
                    fillSlots();
                }
            } catch (RuntimeException e) {
                LOG.warn("workload {}: {} (trying again in {} s)", name, e.getMessage(), RETRY.toSeconds());
                if (rollout != null) {
                    updateState = (rollout.rollback() ? "rollback_" : "") + "paused";
                }
                if (Pauses.sleep(RETRY, () -> closed)) {
                    converge();
                }
            }
        }
    }

    /** Starts the slots 1..N that have no replica and removes replicas above N (and second replicas of a slot). */
    private void fillSlots() {
        WorkloadRecord record = records.find(name).orElse(null);
        if (record == null || closed) {
            return;
        }
        int wanted = OneEngineLimits.replicas(record.spec());
        Map<Integer, List<Replica>> bySlot = replicas.of(name).stream()
                .collect(Collectors.groupingBy(Replica::slot));
        List<Replica> surplus = bySlot.entrySet().stream().flatMap(slot -> slot.getKey() > wanted
                ? slot.getValue().stream()
                : slot.getValue().stream().sorted(NEWEST_FIRST).skip(1)).toList();
        if (!surplus.isEmpty()) {
            InParallel.each(surplus, r -> replicas.remove(r, record.spec()));
        }
        for (int slot = 1; slot <= wanted && !closed; slot++) {
            if (!bySlot.containsKey(slot)) {
                replicas.start(record.spec(), slot);
            }
        }
    }
}
