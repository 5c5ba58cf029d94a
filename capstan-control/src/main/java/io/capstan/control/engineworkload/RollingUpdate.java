package io.capstan.control.engineworkload;

import io.capstan.control.replicas.InParallel;
import io.capstan.core.workload.UpdatePolicy;
import io.capstan.core.workload.WorkloadSpec;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Replaces a workload's out-of-date replicas (their spec hash is not its spec's) in batches, as an
 * {@link UpdatePolicy} says: {@code parallelism} at once, the old one stopped first or the new one started first,
 * each batch watched for the monitor period, then {@code delay}. A failed batch pauses the rollout, is ignored, or
 * rolls the workload back to its previous spec, as {@code failure_action} says.
 */
final class RollingUpdate {
    private final WorkloadRecords records;
    private final ReplicaContainers replicas;
    private final ReplicaWatch watch;
    private final Duration defaultMonitor;

    RollingUpdate(WorkloadRecords records, ReplicaContainers replicas, ReplicaWatch watch, Duration defaultMonitor) {
        this.records = records;
        this.replicas = replicas;
        this.watch = watch;
        this.defaultMonitor = defaultMonitor;
    }

    /**
     * Rolls {@code name} out with {@code policy}, telling {@code state} where it stands ({@code updating},
     * {@code completed}, {@code paused}, {@code rollback_started}, ...). Returns early when {@code stop} says so: the
     * target closes, or a newer request supersedes this one.
     */
    void run(String name, UpdatePolicy policy, boolean rollback, Consumer<String> state, BooleanSupplier stop) {
        String prefix = rollback ? "rollback_" : "";
        state.accept(rollback ? "rollback_started" : "updating");
        while (!stop.getAsBoolean()) {
            WorkloadRecord record = records.find(name).orElse(null);
            if (record == null) {
                return;
            }
            String hash = SpecJson.replicaHash(record.spec());
            List<Replica> outdated = replicas.of(name).stream().filter(r -> !r.specHash().equals(hash)).toList();
            if (outdated.isEmpty()) {
                state.accept(prefix + "completed");
                return;
            }
            int size = policy.parallelism() == 0 ? outdated.size() : Math.min(policy.parallelism(), outdated.size());
            ReplicaWatch.Outcome outcome = replaceBatch(record.spec(), outdated.subList(0, size), policy, stop);
            if (outcome == ReplicaWatch.Outcome.STOPPED_WATCHING) {
                return;
            }
            if (outcome == ReplicaWatch.Outcome.FAILED) {
                if (policy.failureAction() == UpdatePolicy.FailureAction.PAUSE
                        || policy.failureAction() == UpdatePolicy.FailureAction.ROLLBACK
                        && (rollback || record.previous() == null)) {
                    state.accept(prefix + "paused");
                    return;
                }
                if (policy.failureAction() == UpdatePolicy.FailureAction.ROLLBACK) {
                    records.write(record.next(record.previous(), record.spec(), WorkloadRecord.ROLLBACK));
                    run(name, record.spec().rollback(), true, state, stop);
                    return;
                }
            }
            if (!policy.delay().isZero() && !Pauses.sleep(policy.delay(), stop)) {
                return;
            }
        }
    }

    private ReplicaWatch.Outcome replaceBatch(WorkloadSpec spec, List<Replica> batch, UpdatePolicy policy,
                                              BooleanSupplier stop) {
        List<String> started = new CopyOnWriteArrayList<>();
        try {
            InParallel.each(batch, old -> {
                if (policy.order() == UpdatePolicy.Order.STOP_FIRST) {
                    replicas.remove(old, spec);
                    started.add(replicas.start(spec, old.slot()));
                } else {
                    started.add(replicas.start(spec, old.slot()));
                    replicas.remove(old, spec);
                }
            });
        } catch (RuntimeException failedToStart) {
            return ReplicaWatch.Outcome.FAILED;
        }
        return watch.watch(started, policy.monitor() == null ? defaultMonitor : policy.monitor(), stop);
    }
}
