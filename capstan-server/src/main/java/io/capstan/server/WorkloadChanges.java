package io.capstan.server;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.EventFilter;
import io.capstan.core.engine.Subscription;
import io.capstan.core.error.CapstanException;
import io.capstan.core.label.Labels;
import io.capstan.core.model.EngineEvent;
import io.capstan.core.model.EventKind;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Follows the engine's events for the containers of stacks and kernels (Capstan's owner label), so that the event
 * stream tells the dashboard when one is created, started, stopped, removed or changes health: its stacks page and
 * kernels section reload then instead of polling. After losing the engine it subscribes again and reports a change,
 * since some may have passed unseen.
 */
final class WorkloadChanges implements AutoCloseable {
    private static final Set<EventKind> KINDS = Set.of(EventKind.CREATED, EventKind.STARTED, EventKind.DIED,
            EventKind.DESTROYED, EventKind.PAUSED, EventKind.UNPAUSED, EventKind.RENAMED, EventKind.HEALTH);
    private static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);
    private static final String KERNEL_COMPONENT = "component";

    private final ContainerEngine engine;
    private final Consumer<StreamedEvent> changed;
    private final Thread watcher;
    private volatile Subscription subscription;
    private volatile boolean closed;

    /** @param changed told of each change, on the engine's event thread (it must return quickly) */
    WorkloadChanges(ContainerEngine engine, Consumer<StreamedEvent> changed) {
        this.engine = engine;
        this.changed = changed;
        this.watcher = Thread.ofPlatform().name("capstan-workload-changes").daemon().start(this::watch);
    }

    /** The kind of the event's container ({@code stacks} or {@code kernels}), or null for any other. */
    static String kindOf(EngineEvent event) {
        if (!KINDS.contains(event.kind())) {
            return null;
        }
        Map<String, String> labels = event.attributes();
        if (labels.containsKey(Labels.STACK)) {
            return "stacks";
        }
        return "kernel".equals(labels.get(KERNEL_COMPONENT)) ? "kernels" : null;
    }

    private void seen(EngineEvent event) {
        String kind = kindOf(event);
        if (kind != null) {
            changed.accept(StreamedEvent.workloadChange(kind, event.action(), event.attributes().get("name"),
                    event.time()));
        }
    }

    private void watch() {
        boolean first = true;
        while (!closed) {
            try {
                subscription = engine.events(EventFilter.containers(Labels.owned()), this::seen);
                if (!first) {
                    Instant now = Instant.now();
                    changed.accept(StreamedEvent.workloadChange("stacks", "reconnect", null, now));
                    changed.accept(StreamedEvent.workloadChange("kernels", "reconnect", null, now));
                }
                first = false;
                subscription.awaitCompletion(Duration.ofDays(365));
            } catch (InterruptedException e) {
                return;
            } catch (CapstanException e) {
                // the engine is away: try again below
            }
            try {
                Thread.sleep(RECONNECT_DELAY.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        watcher.interrupt();
        Subscription s = subscription;
        if (s != null) {
            s.close();
        }
    }
}
