package io.capstan.control.engineworkload;

import io.capstan.core.model.ContainerInfo;
import io.capstan.core.readiness.ContainerState;
import io.capstan.core.readiness.Readiness;
import io.capstan.core.readiness.ReadyWhen;
import io.capstan.core.spec.RestartPolicy;
import io.capstan.core.workload.WorkloadStatus;
import io.capstan.core.workload.WorkloadTask;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** A workload's status on one engine: its record, and one task per replica container, in the engine's words. */
final class ReplicaTasks {
    private ReplicaTasks() {
    }

    /**
     * @param updateState what this process knows of the last rollout, or null: then the replicas tell — all of the
     *                    spec's hash is a completed change, others left over are a rollout that stopped half-way
     */
    static WorkloadStatus status(WorkloadRecord record, List<Replica> replicas, String node, String updateState) {
        List<WorkloadTask> tasks = replicas.stream().map(r -> task(r, node))
                .sorted(Comparator.comparing(WorkloadTask::created).reversed()).toList();
        int running = (int) replicas.stream().filter(r -> r.container().isRunning()).count();
        int ready = (int) replicas.stream()
                .filter(r -> ReadyWhen.RUNNING.check(ContainerState.of(r.container())) == Readiness.READY).count();
        return new WorkloadStatus(record.id(), record.spec(), OneEngineLimits.replicas(record.spec()), running, ready,
                tasks, Objects.requireNonNullElseGet(updateState, () -> derivedState(record, replicas)),
                record.created(), record.updated());
    }

    private static String derivedState(WorkloadRecord record, List<Replica> replicas) {
        if (record.change().isEmpty()) {
            return "";
        }
        String prefix = record.change().equals(WorkloadRecord.ROLLBACK) ? "rollback_" : "";
        String hash = SpecJson.replicaHash(record.spec());
        return prefix + (replicas.stream().allMatch(r -> r.specHash().equals(hash)) ? "completed" : "paused");
    }

    private static WorkloadTask task(Replica replica, String node) {
        ContainerInfo c = replica.container();
        boolean ended = !c.isRunning() && c.finishedAt() != null && c.finishedAt().isAfter(Instant.EPOCH);
        String error = ended && c.exitCode() != 0 ? "exit code " + c.exitCode() : "";
        Instant updated = ended ? c.finishedAt() : c.startedAt() != null ? c.startedAt() : c.created();
        return new WorkloadTask(c.id(), replica.slot(), node, c.status().word(),
                willRun(c, ended) ? "running" : "shutdown", error, c.image(), c.id(), c.created(), updated);
    }

    /** An ended replica the engine will not start again is no longer wanted running. */
    private static boolean willRun(ContainerInfo c, boolean ended) {
        RestartPolicy policy = Objects.requireNonNullElse(c.restartPolicy(), RestartPolicy.NO);
        return !ended || switch (policy.mode()) {
            case NO -> false;
            case ON_FAILURE -> c.exitCode() != 0;
            case UNLESS_STOPPED, ALWAYS -> true;
        };
    }
}
