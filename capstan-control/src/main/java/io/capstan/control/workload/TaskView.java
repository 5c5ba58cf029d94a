package io.capstan.control.workload;

import io.capstan.control.managed.ManagedContainer;
import io.capstan.control.managed.ManagedState;
import io.capstan.core.label.Labels;
import io.capstan.core.model.Health;
import io.capstan.core.workload.WorkloadPort;
import io.capstan.core.workload.WorkloadStatus;
import io.capstan.core.workload.WorkloadTask;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A task of a managed service as the API shows a managed container: its container's id once it has one (so that
 * logs and usage samples of a replica on this engine work), the name Swarm gives that container, the node as host,
 * Swarm's task state in the engine's words ({@code running}; {@code starting} before; {@code exited} after), and the
 * healthcheck verdict the target tells of the task.
 */
public final class TaskView {
    private static final Set<String> ENDED = Set.of("complete", "shutdown", "failed", "rejected", "orphaned", "remove");
    private static final Pattern EXIT = Pattern.compile("exit (?:code )?\\(?(\\d+)\\)");

    private TaskView() {
    }

    /** The image a service runs replicas of, when it is one this control plane manages; null otherwise. */
    public static String managedImage(WorkloadStatus service) {
        Map<String, String> labels = service.labels();
        return ManagedState.isManaged(labels) ? labels.get(Labels.MANAGED_BY) : null;
    }

    public static ManagedContainer of(WorkloadStatus service, String image, WorkloadTask t) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (WorkloadPort p : service.spec().ports()) {
            ports.putIfAbsent(p.target() + "/" + p.protocol(), p.published() == 0 ? null : p.published());
        }
        var limits = service.spec().resources().limits();
        String status = status(t);
        return new ManagedContainer(id(t), service.name() + "." + t.slot() + "." + t.id(), image, status,
                t.health().word(), exitCode(t), ports, limits.nanoCpus() == 0 ? null : limits.nanoCpus() / 1e9,
                limits.memoryBytes() == 0 ? null : limits.memoryBytes(), t.created(),
                "running".equals(status) ? t.updated() : null, "exited".equals(status) ? t.updated() : null,
                t.node(), null, service.labels().get(ManagedState.SPEC_LABEL));
    }

    /**
     * The ids of the tasks the API lists: those the target still wants running, and, for a replica that runs no task
     * now, the newest task the target failed for being unhealthy, until its replacement runs (as an unhealthy
     * container on the engine stays listed until it is replaced).
     */
    public static Set<String> listed(WorkloadStatus service) {
        Set<String> ids = new HashSet<>();
        Set<Integer> slotsRunning = new HashSet<>();
        for (WorkloadTask t : service.currentTasks()) {
            ids.add(t.id());
            if (t.isRunning()) {
                slotsRunning.add(t.slot());
            }
        }
        Set<Integer> kept = new HashSet<>();
        for (WorkloadTask t : service.tasks()) {
            if (!t.isCurrent() && t.health() == Health.UNHEALTHY && !slotsRunning.contains(t.slot())
                    && kept.add(t.slot())) {
                ids.add(t.id());
            }
        }
        return ids;
    }

    /** The task a view made by {@link #of} shows: the last part of its name. */
    public static String taskId(ManagedContainer view) {
        return view.name().substring(view.name().lastIndexOf('.') + 1);
    }

    /**
     * The task's container, or the task itself before it has one; without the runtime Kubernetes names before it
     * ({@code containerd://}), so that the id fits in a URL's path as an engine's does.
     */
    public static String id(WorkloadTask t) {
        return t.containerId().isEmpty() ? t.id() : t.containerId().replaceFirst("^[a-z0-9.+-]+://", "");
    }

    static String status(WorkloadTask t) {
        if (t.isRunning()) {
            return "running";
        }
        return ENDED.contains(t.state()) ? "exited" : "starting";
    }

    /**
     * The exit code in the task's error ({@code task: non-zero exit (137)}, Kubernetes' {@code Error (exit code 137)}); 0 for one that has not ended or completed,
     * -1 when Swarm does not say.
     */
    static int exitCode(WorkloadTask t) {
        if (!ENDED.contains(t.state())) {
            return 0;
        }
        Matcher m = EXIT.matcher(t.error());
        if (m.find()) {
            return Integer.parseInt(m.group(1));
        }
        return "complete".equals(t.state()) ? 0 : -1;
    }
}
