package io.capstan.stack.swarm;

import io.capstan.core.error.EngineException;
import io.capstan.core.workload.WorkloadStatus;
import io.capstan.core.workload.WorkloadTarget;
import io.capstan.core.workload.WorkloadTask;
import io.capstan.stack.run.StackProgress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Waits for every service of a stack at once (one listing per round, not one service after another) until each runs
 * all its replicas and finished its update; fails naming the services that were rolled back, paused, or ran out of
 * time. A service this run updated, once Swarm completed that rolling update, is done as soon as it runs every
 * replica: Swarm declares an update completed only after watching the last new tasks for the update's monitor period
 * (a task that fails in it pauses or rolls back the update). Any other (created, unchanged, or changed without new
 * tasks) must keep running every replica for {@link #STABLE}, since a task that exits at once is reported running
 * for a moment first.
 */
final class SwarmConvergence {
    private static final Set<String> FAILED_UPDATES = Set.of("paused", "rollback_started", "rollback_paused",
            "rollback_completed");
    private static final Duration ROUND = Duration.ofMillis(250);
    static final Duration STABLE = Duration.ofSeconds(1);

    private final WorkloadTarget target;
    private final StackProgress progress;

    SwarmConvergence(WorkloadTarget target, StackProgress progress) {
        this.target = target;
        this.progress = progress;
    }

    /**
     * Returns the stack's services as the reading that found the last of them converged.
     *
     * @param updated the services this run asked Swarm to update (a subset of {@code services})
     */
    List<WorkloadStatus> await(Set<String> services, Set<String> updated, Map<String, String> labels, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, String> shown = new HashMap<>();
        Set<String> waiting = new TreeSet<>(services);
        Map<String, WorkloadStatus> last = new HashMap<>();
        Map<String, Long> convergedSince = new HashMap<>();
        MissingImages missing = new MissingImages(progress::warning);
        while (true) {
            List<String> failed = new ArrayList<>();
            List<WorkloadStatus> reading = target.list(labels);
            for (WorkloadStatus status : reading) {
                if (!waiting.contains(status.name())) {
                    continue;
                }
                last.put(status.name(), status);
                missing.record(status);
                String state = status.running() + "/" + status.desired() + " running"
                        + (status.updateState().isEmpty() ? "" : ", update " + status.updateState());
                String service = status.labels().getOrDefault(io.capstan.core.label.Labels.SERVICE, status.name());
                if (!state.equals(shown.put(status.name(), state))) {
                    progress.update(service, "converging", state);
                }
                if (FAILED_UPDATES.contains(status.updateState())) {
                    failed.add("'" + service + "' (" + status.name() + "): update " + status.updateState().replace('_', ' ') + lastError(status));
                } else if (!converged(status)) {
                    convergedSince.remove(status.name());
                } else if (updated.contains(status.name()) && watchedBySwarm(status) || System.nanoTime()
                        - convergedSince.computeIfAbsent(status.name(), n -> System.nanoTime()) >= STABLE.toNanos()) {
                    progress.update(service, "running", status.running() + "/" + status.desired());
                    waiting.remove(status.name());
                }
            }
            if (!failed.isEmpty()) {
                throw new EngineException("service " + String.join("; service ", failed));
            }
            if (waiting.isEmpty()) {
                return reading;
            }
            if (System.nanoTime() > deadline) {
                throw new EngineException("not converged after " + timeout.toSeconds() + "s: " + String.join("; ",
                        waiting.stream().map(s -> s + (last.containsKey(s) ? " " + last.get(s).running() + "/"
                                + last.get(s).desired() + " running" + lastError(last.get(s)) : " not found")).toList())
                        + missing.summary());
            }
            Thread.sleep(ROUND.toMillis());
        }
    }

    /**
     * Swarm completed its update: it watched the new tasks itself. Swarm sets the state to {@code updating} in the
     * same call that changes the tasks' spec (and clears it on a change that makes no new tasks), so a completion
     * read after that call is this update's, never an earlier one's.
     */
    static boolean watchedBySwarm(WorkloadStatus status) {
        return "completed".equals(status.updateState());
    }

    private static boolean converged(WorkloadStatus status) {
        boolean updated = status.updateState().isEmpty() || status.updateState().equals("completed");
        boolean someTasks = status.spec().mode() != io.capstan.core.workload.WorkloadSpec.Mode.GLOBAL
                || !status.currentTasks().isEmpty();
        return updated && someTasks && status.isConverged();
    }

    private static String lastError(WorkloadStatus status) {
        return status.tasks().stream().map(WorkloadTask::error).filter(e -> !e.isEmpty()).findFirst()
                .map(e -> " (last task error: " + e + ")").orElse("");
    }
}
