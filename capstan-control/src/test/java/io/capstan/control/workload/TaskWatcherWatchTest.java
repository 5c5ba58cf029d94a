package io.capstan.control.workload;

import io.capstan.control.events.EventWriter;
import io.capstan.control.managed.ManagedContainer;
import io.capstan.control.managed.ManagedState;
import io.capstan.control.store.DesiredImage;
import io.capstan.control.store.EventRecord;
import io.capstan.control.store.Store;
import io.capstan.control.store.Stores;
import io.capstan.core.engine.Subscription;
import io.capstan.core.model.Health;
import io.capstan.core.workload.WorkloadSpec;
import io.capstan.core.workload.WorkloadStatus;
import io.capstan.core.workload.WorkloadTask;
import io.capstan.core.workload.WorkloadWatch;
import io.capstan.tck.fake.ReadOnlyTarget;
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
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The task watcher on a target that says when tasks change: it reads them when told, and a watch that ends is opened
 * again and followed by a read, so what changed while no watch was open still becomes the same events.
 */
class TaskWatcherWatchTest {
    private static final String IMAGE = "web:1";

    private static final WorkloadSpec SPEC = ServiceSpecs.of(new DesiredImage(IMAGE, 1, 3, Map.of(), Map.of(), Map.of(),
            Instant.EPOCH), null);

    /** Reads one workload with the tasks the test sets; its watches are kept so the test can report changes or end them. */
    private static final class WatchedTarget extends ReadOnlyTarget implements WorkloadWatch {
        final List<Runnable> changes = new CopyOnWriteArrayList<>();
        final List<Consumer<String>> ends = new CopyOnWriteArrayList<>();

        WatchedTarget(Supplier<List<WorkloadStatus>> workloads) {
            super(workloads);
        }

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
    }

    private volatile List<WorkloadTask> tasks = List.of();
    private final WatchedTarget target = new WatchedTarget(() -> List.of(
            new WorkloadStatus("id", SPEC, 1, 1, 1, tasks, "", Instant.EPOCH, Instant.EPOCH)));
    @TempDir
    Path dir;
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
        tasks = List.of(running("pod-a", "c-a"));
        watcher.start();
        assertThat(state.all()).extracting(ManagedContainer::id).containsExactly("c-a");
        assertThat(state.all()).extracting(ManagedContainer::health).containsExactly("healthy");

        tasks = List.of(running("pod-a", "c-a"), running("pod-b", "c-b"));
        target.changes.getLast().run();
        until(() -> state.all().size() == 2);
        assertThat(eventsOf("c-b")).containsExactly("create", "start");
    }

    @Test
    void aWatchThatEndsIsOpenedAgainAndWhatChangedMeanwhileIsRead() throws Exception {
        tasks = List.of(running("pod-a", "c-a"));
        watcher.start();
        assertThat(target.changes).hasSize(1);

        // a pod is replaced and the API server ends the watch before reporting it
        tasks = List.of(running("pod-b", "c-b"));
        target.ends.getLast().accept("the API server ended the watch");

        until(() -> target.changes.size() == 2);
        until(() -> state.all().stream().map(ManagedContainer::id).toList().equals(List.of("c-b")));
        assertThat(eventsOf("c-a")).containsExactly("create", "start", "remove");
        assertThat(eventsOf("c-b")).containsExactly("create", "start");
    }
}
