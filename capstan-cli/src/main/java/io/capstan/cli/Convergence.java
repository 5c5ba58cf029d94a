package io.capstan.cli;

import io.capstan.core.error.EngineException;
import io.capstan.core.workload.WorkloadStatus;
import io.capstan.core.workload.WorkloadTarget;
import io.capstan.core.workload.WorkloadTask;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Set;

/**
 * Waits until a service's replicas all run and its update (if any) finished, printing progress; a paused update, a
 * rollback the target did by itself, or the time running out is an error naming the last task error.
 */
final class Convergence {
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Set<String> SETTLED = Set.of("", "completed", "rollback_completed");
    /** How long a changed service may show no update yet before the change is taken as one Swarm needs no update for. */
    private static final Duration UPDATE_START = Duration.ofSeconds(3);

    private Convergence() {
    }

    /**
     * @param rollbackExpected true when the caller asked for the rollback (a finished rollback is then success)
     * @param replacing        true when the caller changed the spec: Swarm marks the update a moment later, and until
     *                         then the old replicas look converged
     */
    static WorkloadStatus await(WorkloadTarget target, String name, Duration timeout, boolean rollbackExpected,
                                boolean replacing, PrintWriter out) throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        String last = "";
        boolean sawUpdate = false;
        while (true) {
            WorkloadStatus status = target.inspect(name);
            String progress = name + ": " + status.running() + "/" + status.desired() + " running"
                    + (status.updateState().isEmpty() ? "" : ", update " + status.updateState().replace('_', ' '));
            if (!progress.equals(last)) {
                out.println(progress);
                out.flush();
                last = progress;
            }
            String state = status.updateState();
            if (state.equals("paused") || state.equals("rollback_paused")) {
                throw new EngineException("service '" + name + "': the update paused" + lastError(status)
                        + ": fix the spec and update again, or roll back with 'capstan swarm service rollback " + name + "'");
            }
            if (state.equals("rollback_completed") && !rollbackExpected) {
                throw new EngineException("service '" + name + "': the update failed and Swarm rolled it back" + lastError(status));
            }
            sawUpdate |= !SETTLED.contains(state);
            // until Swarm shows this change's update, an earlier state (none, or the last update's) is not this one's
            boolean updateUnseen = replacing && !sawUpdate && System.nanoTime() - started < UPDATE_START.toNanos();
            if (SETTLED.contains(state) && status.isConverged() && !updateUnseen) {
                return status;
            }
            if (System.nanoTime() > deadline) {
                throw new EngineException("service '" + name + "' did not converge within " + timeout.toSeconds() + " s: "
                        + status.running() + " of " + status.desired() + " replicas run" + lastError(status)
                        + " (see 'capstan swarm tasks -a " + name + "')");
            }
            Thread.sleep(POLL);
        }
    }

    private static String lastError(WorkloadStatus status) {
        return status.tasks().stream().map(WorkloadTask::error).filter(e -> !e.isEmpty()).findFirst()
                .map(e -> " (last task error: " + e + ")").orElse("");
    }
}
