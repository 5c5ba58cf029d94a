package io.capstan.control.workload;

import io.capstan.control.managed.ManagedContainer;
import io.capstan.control.store.EventRecord;
import io.capstan.core.workload.WorkloadTask;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The lifecycle events a task's change of state amounts to, in the words the engine's containers use: {@code create}
 * when a task is first seen, {@code start} once it runs, {@code stop} once it ended (failed, shut down, completed) and
 * {@code remove} once Swarm forgot it. Each carries a key made of the task and the word, so that a restarted server
 * that sees the same task again records nothing twice.
 */
public final class TaskEvents {
    /** An event and the key that makes it unique in the store. */
    public record Keyed(EventRecord event, String key) {
    }

    private TaskEvents() {
    }

    /**
     * What happened between {@code before} (the words already recorded for this task, empty for a new one) and the
     * task as it is now.
     */
    public static List<Keyed> between(List<String> before, WorkloadTask t, ManagedContainer view) {
        List<Keyed> events = new ArrayList<>();
        String now = TaskView.status(t);
        if (!before.contains("create")) {
            events.add(keyed(t, view, "create", "created", t.created()));
        }
        if (!before.contains("start") && ("running".equals(now) || "exited".equals(now) && t.containerId().length() > 0
                && !"rejected".equals(t.state()))) {
            events.add(keyed(t, view, "start", "running", "running".equals(now) ? t.updated() : t.created()));
        }
        if (!before.contains("stop") && "exited".equals(now)) {
            events.add(keyed(t, view, "stop", t.state() + (t.error().isEmpty() ? "" : ": " + t.error()), t.updated()));
        }
        return events;
    }

    /** A task Swarm no longer lists. */
    public static Keyed removed(WorkloadTask t, ManagedContainer view) {
        return keyed(t, view, "remove", "removed", Instant.now());
    }

    private static Keyed keyed(WorkloadTask t, ManagedContainer view, String word, String status, Instant at) {
        EventRecord e = new EventRecord(0, view.image(), view.id(), view.name(), view.host(),
                new java.util.LinkedHashMap<String, Object>(view.ports()), status, word, at == null ? Instant.now() : at);
        return new Keyed(e, "task/" + t.id() + "/" + word);
    }
}
