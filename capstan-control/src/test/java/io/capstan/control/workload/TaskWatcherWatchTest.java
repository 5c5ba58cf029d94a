package io.capstan.control.workload;

import io.capstan.control.events.EventWriter;
import io.capstan.control.managed.ManagedContainer;
import io.capstan.control.managed.ManagedState;
import io.capstan.control.store.DesiredImage;
import io.capstan.control.store.EventRecord;
import io.capstan.control.store.Store;
import io.capstan.control.store.Stores;
import io.capstan.core.engine.LogOptions;
import io.capstan.core.engine.Subscription;
import io.capstan.core.model.LogLine;
import io.capstan.core.model.Health;
import io.capstan.core.workload.WorkloadSpec;
import io.capstan.core.workload.WorkloadStatus;
import io.capstan.core.workload.WorkloadTarget;
import io.capstan.core.workload.WorkloadTask;
import io.capstan.core.workload.WorkloadWatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The task watcher on a target that says when tasks change: it reads them when told, and a watch that ends is opened
 * again and followed by a read, so what changed while no watch was open still becomes the same events.
 */
class TaskWatcherWatchTest {
    private static final String IMAGE = "web:1";

    /** One workload whose tasks the test sets; its watches are kept so the test can report changes or end them. */
    private static final class WatchedTarget implements WorkloadTarget, WorkloadWatch {
        final WorkloadSpec spec = ServiceSpecs.of(new DesiredImage(IMAGE, 1, 3, Map.of(), Map.of(), Map.of(),
                Instant.EPOCH), null);
        volatile List<WorkloadTask> tasks = List.of();
        final List<Runnable> changes = new CopyOnWriteArrayList<>();
        final List<Consumer<String>> ends = new CopyOnWriteArrayList<>();
        final AtomicInteger reads = new AtomicInteger();

        @Override
        public Subscription watchTasks(Runnable changed, Consumer<String> ended) {
            changes.add(changed);
            ends.add(ended);
            return new Subscription() {
                @Override
                public boolean awaitCompletion(Duration timeout) {
                    return true;
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public List<WorkloadStatus> list(Map<String, String> labels) {
            reads.incrementAndGet();
            return List.of(new WorkloadStatus("id", spec, 1, 1, 1, tasks, "", Instant.EPOCH, Instant.EPOCH));
        }

        @Override
        public String describe() {
            return "watched target";
        }

        @Override
        public WorkloadStatus create(WorkloadSpec s) {
            throw new UnsupportedOperationException();
        }

        @Override
        public WorkloadStatus update(WorkloadSpec s) {
            throw new UnsupportedOperationException();
        }

        @Override
        public WorkloadStatus scale(String name, int replicas) {
            throw new UnsupportedOperationException();
        }

        @Override
        public WorkloadStatus rollback(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void remove(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public WorkloadStatus inspect(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Subscription logs(String name, LogOptions options, Consumer<LogLine> sink) {
            throw new UnsupportedOperationException();
        }
    }

    @TempDir
    Path dir;
    private final WatchedTarget target = new WatchedTarget();
    private final ManagedState state = new ManagedState("here");
    private Store store;
    private EventWriter events;
    private TaskWatcher watcher;

    @BeforeEach
    void start() {
        store = Stores.sqlite(dir.resolve("capstan.db"));
        events = new EventWriter(store);
        watcher = new TaskWatcher(target, state, events, Duration.ofMillis(50));
    }

    @AfterEach
    void stop() {
        watcher.close();
        events.close();
        store.close();
    }

    private static WorkloadTask running(String pod, String container) {
        return new WorkloadTask(pod, 0, "node-1", "running", "running", "", IMAGE, container, Instant.EPOCH,
                Instant.EPOCH, Health.HEALTHY);
    }

    private List<String> eventsOf(String container) throws InterruptedException {
        events.flush(Duration.ofSeconds(10));
        return store.eventsOf(container, 10).reversed().stream().map(EventRecord::event).toList();
    }

    private static void until(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 500 && !condition.getAsBoolean(); i++) {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }

    @Test
    void tasksAreReadWhenTheWatchSaysTheyChanged() throws Exception {
        target.tasks = List.of(running("pod-a", "c-a"));
        watcher.start();
        assertThat(state.all()).extracting(ManagedContainer::id).containsExactly("c-a");
        assertThat(state.all()).extracting(ManagedContainer::health).containsExactly("healthy");

        target.tasks = List.of(running("pod-a", "c-a"), running("pod-b", "c-b"));
        target.changes.getLast().run();
        until(() -> state.all().size() == 2);
        assertThat(eventsOf("c-b")).containsExactly("create", "start");
    }

    @Test
    void aWatchThatEndsIsOpenedAgainAndWhatChangedMeanwhileIsRead() throws Exception {
        target.tasks = List.of(running("pod-a", "c-a"));
        watcher.start();
        assertThat(target.changes).hasSize(1);

        // a pod is replaced and the API server ends the watch before reporting it
        target.tasks = List.of(running("pod-b", "c-b"));
        target.ends.getLast().accept("the API server ended the watch");

        until(() -> target.changes.size() == 2);
        until(() -> state.all().stream().map(ManagedContainer::id).toList().equals(List.of("c-b")));
        assertThat(eventsOf("c-a")).containsExactly("create", "start", "remove");
        assertThat(eventsOf("c-b")).containsExactly("create", "start");
    }
}
