package io.capstan.control.workload;

import io.capstan.control.events.EventWriter;
import io.capstan.control.managed.ManagedContainer;
import io.capstan.control.managed.ManagedState;
import io.capstan.core.label.Labels;
import io.capstan.core.workload.WorkloadStatus;
import io.capstan.core.workload.WorkloadTarget;
import io.capstan.core.workload.WorkloadTask;
import io.capstan.core.workload.WorkloadWatch;
import io.capstan.core.engine.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads the tasks of the managed services every {@code every}: those {@link TaskView#listed} names become the managed
 * containers the API lists, and each change of a task's state becomes lifecycle events in the store (as the engine's
 * event stream does for containers). A target that does not answer leaves the last view in place and is asked again
 * next time. A target that says when tasks change ({@link WorkloadWatch}) is read when it does instead; a watch that
 * ends is opened again after {@code every} and the tasks are read again then, so no change is lost.
 */
public final class TaskWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TaskWatcher.class);
    private static final Map<String, String> OWNED = Map.of(Labels.OWNER, "true");

    private record Seen(WorkloadTask task, ManagedContainer view, List<String> words) {
    }

    private final WorkloadTarget target;
    private final ManagedState state;
    private final EventWriter events;
    private final Duration every;
    private final Map<String, Seen> seen = new HashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("capstan-task-watcher").daemon().factory());
    private final AtomicBoolean readQueued = new AtomicBoolean();
    private volatile Subscription watch;
    private volatile boolean watching;
    private volatile boolean closed;
    private volatile boolean connected;
    private volatile String lastError;

    public TaskWatcher(WorkloadTarget target, ManagedState state, EventWriter events, Duration every) {
        this.target = target;
        this.state = state;
        this.events = events;
        this.every = every;
    }

    /** Reads the tasks once now (throwing when the target does not answer), then whenever they change or every interval. */
    public void start() {
        synchronized (this) {
            poll();
        }
        var watchable = target.capability(WorkloadWatch.class);
        if (watchable.isPresent()) {
            openWatch(watchable.get());
        } else {
            timer.scheduleWithFixedDelay(this::pollQuietly, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void openWatch(WorkloadWatch watchable) {
        if (closed) {
            return;
        }
        try {
            watching = true;
            watch = watchable.watchTasks(this::changed, reason -> {
                LOG.info("the watch on the managed services' tasks ended ({}): opening it again", reason);
                later(() -> openWatch(watchable));
            });
            if (closed) { // closed while the watch was being opened
                watch.close();
                return;
            }
            changed(); // what changed while no watch was open
        } catch (RuntimeException e) {
            connected = false;
            if (!String.valueOf(e.getMessage()).equals(lastError)) {
                LOG.warn("cannot watch the tasks of the managed services: {}", e.getMessage());
            }
            lastError = String.valueOf(e.getMessage());
            later(() -> openWatch(watchable));
        }
    }

    /** One read for any number of changes reported before it starts. */
    private void changed() {
        if (readQueued.compareAndSet(false, true)) {
            try {
                timer.execute(() -> {
                    readQueued.set(false);
                    pollQuietly();
                });
            } catch (RejectedExecutionException closing) {
                readQueued.set(false);
            }
        }
    }

    private void later(Runnable action) {
        try {
            timer.schedule(action, every.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // closed meanwhile
        }
    }

    /** Whether the last reading of the target worked. */
    public boolean connected() {
        return connected;
    }

    /** Reads the tasks now (tests, and after the control plane changed a service). */
    public void pollNow() {
        pollQuietly();
    }

    private void pollQuietly() {
        try {
            synchronized (this) {
                poll();
            }
            lastError = null;
        } catch (RuntimeException e) {
            connected = false;
            if (!String.valueOf(e.getMessage()).equals(lastError)) {
                LOG.warn("cannot read the tasks of the managed services: {}", e.getMessage());
            }
            lastError = String.valueOf(e.getMessage());
            if (watching) {
                // no interval polls behind a watch: without this, a failed read waits for the next change of a task
                later(this::changed);
            }
        }
    }

    private void poll() {
        long observed = System.nanoTime();
        List<WorkloadStatus> services = target.list(OWNED);
        connected = true;
        Set<String> listed = new HashSet<>();
        Set<String> currentIds = new HashSet<>();
        for (WorkloadStatus service : services) {
            String image = TaskView.managedImage(service);
            if (image == null) {
                continue;
            }
            Set<String> shown = TaskView.listed(service);
            for (WorkloadTask t : service.tasks()) {
                listed.add(t.id());
                ManagedContainer view = TaskView.of(service, image, t);
                Seen before = seen.get(t.id());
                List<String> words = new ArrayList<>(before == null ? List.of() : before.words());
                for (TaskEvents.Keyed e : TaskEvents.between(words, t, view)) {
                    events.submit(e.event(), e.key());
                    words.add(e.event().event());
                }
                seen.put(t.id(), new Seen(t, view, List.copyOf(words)));
                if (before != null && !before.view().id().equals(view.id())) {
                    state.remove(before.view().id(), observed);
                }
                if (shown.contains(t.id())) {
                    currentIds.add(view.id());
                    state.put(view, observed);
                }
            }
        }
        for (var it = seen.entrySet().iterator(); it.hasNext(); ) {
            Seen s = it.next().getValue();
            if (!listed.contains(s.task().id())) {
                TaskEvents.Keyed gone = TaskEvents.removed(s.task(), s.view());
                events.submit(gone.event(), gone.key());
                it.remove();
            }
        }
        state.all().stream().filter(c -> !currentIds.contains(c.id())).forEach(c -> state.remove(c.id(), observed));
    }

    @Override
    public void close() {
        closed = true;
        Subscription w = watch;
        if (w != null) {
            w.close();
        }
        timer.shutdownNow();
    }
}
