package io.capstan.control.replicas;

import io.capstan.control.events.EventIngestor;
import io.capstan.control.events.EventWriter;
import io.capstan.control.managed.ManagedContainers;
import io.capstan.control.managed.ManagedState;
import io.capstan.control.store.DesiredImage;
import io.capstan.control.store.EventRecord;
import io.capstan.control.store.Store;
import io.capstan.control.store.Stores;
import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.engine.EventFilter;
import io.capstan.core.engine.Subscription;
import io.capstan.core.error.EngineException;
import io.capstan.core.label.Labels;
import io.capstan.core.model.ContainerSummary;
import io.capstan.core.model.EngineEvent;
import io.capstan.tck.fake.FakeEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reconciler against the in-memory fake engine: it holds the desired count of replicas, restarts what dies,
 * and rolls outdated replicas one at a time, all without a real engine.
 */
class ReconcilerTest {
    private static final String IMAGE = "recon13-app:1";
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final Reconciler.Options FAST = new Reconciler.Options(Duration.ofSeconds(1), Duration.ZERO,
            Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofSeconds(10));

    @TempDir
    Path dir;

    private final FakeEngine engine = new FakeEngine();
    private final Map<String, DesiredImage> desired = new ConcurrentHashMap<>();
    private Store store;
    private EventWriter writer;
    private EventIngestor ingestor;
    private Reconciler reconciler;

    @BeforeEach
    void start() {
        engine.addImage(IMAGE);
        store = Stores.sqlite(dir.resolve("capstan.db"));
        writer = new EventWriter(store);
        ManagedState state = new ManagedState("recon13-host");
        ManagedContainers containers = new ManagedContainers(engine, state);
        ingestor = EventIngestor.start(engine, containers, state, writer, "recon13-host", null);
        reconciler = new Reconciler(engine, containers, state, writer, "recon13-host",
                image -> Optional.ofNullable(desired.get(image)), () -> List.copyOf(desired.keySet()), FAST);
        reconciler.start();
    }

    @AfterEach
    void stop() {
        reconciler.close();
        ingestor.close();
        writer.close();
        store.close();
    }

    @Test
    void itScalesUpAndDown() {
        want(3, Map.of());
        await().atMost(PATIENCE).until(() -> running().size() == 3);

        want(1, Map.of());
        await().atMost(PATIENCE).until(() -> running().size() == 1 && all().size() == 1);
    }

    @Test
    void aKilledReplicaIsRestartedInPlace() {
        want(2, Map.of());
        await().atMost(PATIENCE).until(() -> running().size() == 2);
        String victim = running().getFirst().id();

        engine.containers().kill(victim, "KILL");

        await().atMost(PATIENCE).until(() -> running().size() == 2);
        assertThat(running()).extracting(ContainerSummary::id).contains(victim);
        assertThat(all()).hasSize(2);
    }

    @Test
    void aReplicaThatCannotRestartIsReportedAndRestartedOnceItCan() throws InterruptedException {
        want(1, Map.of());
        await().atMost(PATIENCE).until(() -> running().size() == 1);
        String victim = running().getFirst().id();
        engine.failStarts(victim, new EngineException("container '" + victim + "': no space left on device"));

        engine.containers().kill(victim, "KILL");

        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(writer.flush(Duration.ofSeconds(5))).isTrue();
            assertThat(store.eventsAfter(null, 0, 100)).extracting(EventRecord::status)
                    .anyMatch(s -> s.contains("reconcile failed") && s.contains("no space left on device"));
        });
        assertThat(running()).isEmpty();

        engine.failStarts(victim, null);
        await().atMost(PATIENCE).until(() -> running().size() == 1);
        assertThat(running().getFirst().id()).isEqualTo(victim);
    }

    @Test
    void outdatedReplicasAreReplacedOneAtATimeKeepingTheCount() throws InterruptedException {
        want(3, Map.of("VERSION", "1"));
        await().atMost(PATIENCE).until(() -> running().size() == 3);
        Set<String> old = Set.copyOf(running().stream().map(ContainerSummary::id).toList());
        AtomicInteger up = new AtomicInteger(3);
        AtomicInteger most = new AtomicInteger(3);
        AtomicInteger least = new AtomicInteger(3);
        try (Subscription counting = engine.events(EventFilter.containers(Map.of(Labels.MANAGED_BY, IMAGE)),
                e -> count(e, up, most, least))) {
            want(3, Map.of("VERSION", "2"));
            await().atMost(PATIENCE).until(() -> running().size() == 3 && all().size() == 3
                    && running().stream().noneMatch(c -> old.contains(c.id())));
            assertThat(engine.awaitEventsDelivered(PATIENCE)).isTrue();
        }
        assertThat(most.get()).as("replicas running at once during the rollout").isEqualTo(4);
        assertThat(least.get()).as("never fewer than wanted").isEqualTo(3);
    }

    private static void count(EngineEvent e, AtomicInteger up, AtomicInteger most, AtomicInteger least) {
        int now = switch (e.action()) {
            case "start" -> up.incrementAndGet();
            case "die" -> up.decrementAndGet();
            default -> up.get();
        };
        most.accumulateAndGet(now, Math::max);
        least.accumulateAndGet(now, Math::min);
    }

    private void want(int replicas, Map<String, Object> env) {
        desired.put(IMAGE, new DesiredImage(IMAGE, 0, 10, replicas, Map.of(), env, Map.of(), List.of(), null,
                Instant.now()));
        reconciler.changed(IMAGE);
    }

    private List<ContainerSummary> running() {
        return engine.containers().list(new ContainerFilter(false, Map.of(Labels.MANAGED_BY, IMAGE), null));
    }

    private List<ContainerSummary> all() {
        return engine.containers().list(ContainerFilter.allWithLabels(Map.of(Labels.MANAGED_BY, IMAGE)));
    }
}
