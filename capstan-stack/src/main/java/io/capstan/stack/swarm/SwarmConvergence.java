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
 * all its replicas and finished its update, and has kept doing so for {@link #STABLE} (a task that exits at once is
 * reported running for a moment first); fails naming the services that were rolled back, paused, or ran out of time.
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

    void await(Set<String> services, Map<String, String> labels, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, String> shown = new HashMap<>();
        Set<String> waiting = new TreeSet<>(services);
        Map<String, WorkloadStatus> last = new HashMap<>();
        Map<String, Long> convergedSince = new HashMap<>();
        MissingImages missing = new MissingImages(progress::warning);
        while (true) {
            List<String> failed = new ArrayList<>();
            for (WorkloadStatus status : target.list(labels)) {
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
                } else if (System.nanoTime() - convergedSince.computeIfAbsent(status.name(), n -> System.nanoTime())
                        >= STABLE.toNanos()) {
                    progress.update(service, "running", status.running() + "/" + status.desired());
                    waiting.remove(status.name());
                }
            }
            if (!failed.isEmpty()) {
                throw new EngineException("service " + String.join("; service ", failed));
            }
            if (waiting.isEmpty()) {
                return;
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
