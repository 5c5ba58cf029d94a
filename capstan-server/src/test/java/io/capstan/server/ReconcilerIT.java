package io.capstan.server;

import io.capstan.control.ControlPlane;
import io.capstan.control.health.HealthRule;
import io.capstan.control.managed.ManagedContainer;
import io.capstan.control.replicas.Reconciler;
import io.capstan.control.replicas.ReplicaChange;
import io.capstan.control.store.DesiredImage;
import io.capstan.control.store.EventRecord;
import io.capstan.control.store.Store;
import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.label.Labels;
import io.capstan.core.spec.ContainerSpec;
import io.capstan.docker.EngineLocator;
import io.capstan.tck.RunImage;
import io.capstan.tck.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reconciler against the real engine: it holds each desired image's replica count through kills, crashes,
 * scaling, configuration changes and restarts of the control plane itself, and never touches what it does not own.
 * On each database the store runs on.
 */
@ParameterizedClass(name = "on {0}")
@ValueSource(strings = {"sqlite", "postgresql"})
class ReconcilerIT {
    /** A tag of the test image of this run's own: the cleanup removes only the containers made of it. */
    private static final RunImage RUN_IMAGE = RunImage.of(TestImages.BUSYBOX);
    private static final RunImage HEALTHY_IMAGE = RunImage.of(TestImages.BUSYBOX_HEALTHY);
    private static final String IMAGE = RUN_IMAGE.ref();
    private static final List<String> SLEEP = List.of("sleep", "600");
    /** Short intervals so that a test sees several crash-loop steps and resyncs in seconds. */
    private static final ControlPlane.Options FAST = new ControlPlane.Options(Duration.ofSeconds(60),
            Duration.ofDays(1), HealthRule.DEFAULT, new Reconciler.Options(Duration.ofSeconds(2), Duration.ofSeconds(10),
            Duration.ofMillis(500), Duration.ofSeconds(4), Duration.ofSeconds(30)));

    @TempDir
    Path dir;
    @Parameter
    String databaseKind;
    private TestDatabase database;

    private ContainerEngine engine;
    private Store store;
    private ControlPlane plane;
    private final List<String> outsiders = new ArrayList<>();

    @BeforeEach
    void start() {
        engine = EngineLocator.fromEnvironment().locate(null);
        RUN_IMAGE.tag(engine);
        HEALTHY_IMAGE.tag(engine);
        database = new TestDatabase(databaseKind, dir);
        store = database.open();
        plane = ControlPlane.start(engine, store, FAST);
    }

    @AfterEach
    void stop() {
        plane.close();
        store.close();
        database.drop();
        outsiders.forEach(id -> engine.containers().remove(id, true, true));
        RUN_IMAGE.remove(engine);
        HEALTHY_IMAGE.remove(engine);
        engine.close();
    }

    /** The running managed containers of the image, as the engine lists them (not the control plane's view). */
    private List<String> runningOnEngine() {
        return engine.containers().list(ContainerFilter.allWithLabels(Map.of(Labels.MANAGED_BY, IMAGE))).stream()
                .filter(c -> c.status() == io.capstan.core.model.ContainerStatus.RUNNING).map(c -> c.id()).toList();
    }

    private List<String> allOnEngine() {
        return engine.containers().list(ContainerFilter.allWithLabels(Map.of(Labels.MANAGED_BY, IMAGE))).stream()
                .map(c -> c.id()).toList();
    }

    private void awaitRunning(int count) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(runningOnEngine()).as("running replicas").hasSize(count);
            assertThat(allOnEngine()).as("all replicas, stopped ones included").hasSize(count);
        });
    }

    private List<String> eventWords(String image) throws InterruptedException {
        plane.settle(Duration.ofSeconds(10));
        return store.listEvents(image, 1000).reversed().stream().map(EventRecord::event).toList();
    }

    @Test
    void aDesiredStateIsHeldThroughKillsAndScaling() throws Exception {
        plane.replicas().put(IMAGE, Map.of("min_replicas", 1, "max_replicas", 5, "replicas", 3, "command", SLEEP));
        awaitRunning(3);

        String victim = runningOnEngine().getFirst();
        engine.containers().kill(victim, "KILL");
        await().atMost(Duration.ofSeconds(10)).until(() -> runningOnEngine().contains(victim));
        awaitRunning(3);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(store.eventsOf(victim, 50))
                .extracting(EventRecord::event).contains("restart"));

        plane.replicas().scale(IMAGE, Map.of("replicas", 1));
        awaitRunning(1);
        plane.replicas().scale(IMAGE, Map.of("replicas", 4));
        awaitRunning(4);
        assertThat(eventWords(IMAGE)).contains("desired", "restart", "scale-down");
    }

    @Test
    void aReplicaStoppedThroughTheApiStaysStoppedWhileOneKilledOutsideIsReplaced() throws Exception {
        plane.replicas().put(IMAGE, Map.of("replicas", 3, "max_replicas", 5, "command", SLEEP));
        awaitRunning(3);
        List<String> ids = runningOnEngine();
        String stopped = ids.get(0);

        ReplicaChange change = plane.replicas().stop(plane.containers().require(stopped), Duration.ZERO);
        assertThat(change.ok()).isTrue();
        assertThat(change.desiredReplicas()).as("the answer says the new count").isEqualTo(2);
        assertThat(store.desired(IMAGE).orElseThrow().replicas()).isEqualTo(2);
        assertThat(store.desired(IMAGE).orElseThrow().stopped()).containsExactly(stopped);
        // Three resync passes (every 2 s) later it is still there, still stopped, and nothing replaced it.
        await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(9)).untilAsserted(() -> {
            assertThat(runningOnEngine()).hasSize(2).doesNotContain(stopped);
            assertThat(allOnEngine()).hasSize(3).contains(stopped);
        });

        // Killed outside Capstan: restarted at once, and the count is what it was.
        String victim = ids.get(1);
        engine.containers().kill(victim, "KILL");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(store.eventsOf(victim, 50))
                .extracting(EventRecord::event).contains("restart"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(runningOnEngine()).containsExactlyInAnyOrder(victim, ids.get(2)));
        assertThat(store.desired(IMAGE).orElseThrow().replicas()).isEqualTo(2);

        // A restarted control plane keeps it stopped: the hold is in the store.
        plane.close();
        store.close();
        store = database.open();
        plane = ControlPlane.start(engine, store, FAST);
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(7)).untilAsserted(() -> {
            assertThat(runningOnEngine()).hasSize(2).doesNotContain(stopped);
            assertThat(allOnEngine()).contains(stopped);
        });

        // Started through the API again: the count comes back, within max.
        assertThat(plane.replicas().start(plane.containers().require(stopped)).desiredReplicas()).isEqualTo(3);
        awaitRunning(3);
        assertThat(runningOnEngine()).contains(stopped);
        assertThat(store.desired(IMAGE).orElseThrow().stopped()).isEmpty();

        // Removed through the API: one fewer, never below 0.
        assertThat(plane.replicas().delete(plane.containers().require(stopped), true).desiredReplicas()).isEqualTo(2);
        awaitRunning(2);
        assertThat(plane.replicas().stopImage(IMAGE, Duration.ZERO).desiredReplicas()).isZero();
        assertThat(plane.replicas().stopImage(IMAGE, Duration.ZERO).desiredReplicas()).isZero();
        DesiredImage none = store.desired(IMAGE).orElseThrow();
        assertThat(none.replicas()).isZero();
        assertThat(none.minReplicas()).as("the minimum follows the count down").isZero();
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).untilAsserted(() -> {
            assertThat(runningOnEngine()).isEmpty();
            assertThat(allOnEngine()).hasSize(2);
        });
        assertThat(eventWords(IMAGE)).contains("scale");
    }

    @Test
    void aReplicaRemovedFromOutsideIsReplacedByANewOne() {
        plane.replicas().put(IMAGE, Map.of("replicas", 2, "max_replicas", 2, "command", SLEEP));
        awaitRunning(2);
        String gone = runningOnEngine().getFirst();
        engine.containers().remove(gone, true, true);
        awaitRunning(2);
        assertThat(runningOnEngine()).doesNotContain(gone);
    }

    @Test
    void concurrentEventsNeverCreateDuplicates() throws Exception {
        plane.replicas().put(IMAGE, Map.of("replicas", 3, "max_replicas", 3, "command", SLEEP));
        awaitRunning(3);
        // Kill every replica at once and trigger passes from many threads while they die: still exactly three.
        List<String> ids = runningOnEngine();
        var go = new CountDownLatch(1);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String id : ids) {
                pool.submit(() -> {
                    go.await();
                    engine.containers().kill(id, "KILL");
                    return null;
                });
            }
            for (int i = 0; i < 50; i++) {
                pool.submit(() -> {
                    go.await();
                    plane.replicas().reconciler().trigger(IMAGE);
                    return null;
                });
            }
            go.countDown();
        }
        Set<Integer> seen = new HashSet<>();
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < until) {
            seen.add(allOnEngine().size());
            Thread.sleep(50);
        }
        assertThat(seen).as("replica counts seen while they were restarted").allMatch(n -> n <= 3);
        awaitRunning(3);
        assertThat(runningOnEngine()).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void aReplicaThatKeepsCrashingIsShownAsCrashloopAndRestartedLessAndLessOften() throws Exception {
        plane.replicas().put(IMAGE, Map.of("replicas", 1, "max_replicas", 1, "command", List.of("sh", "-c", "exit 3")));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(plane.containers().instances(IMAGE))
                .extracting(ManagedContainer::status).containsExactly("crashloop"));
        String id = plane.containers().instances(IMAGE).getFirst().id();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(store.eventsOf(id, 200))
                .filteredOn(e -> e.event().equals("restart")).hasSizeGreaterThanOrEqualTo(4));
        List<EventRecord> events = store.eventsOf(id, 200).reversed();
        List<EventRecord> restarts = events.stream().filter(e -> e.event().equals("restart")).toList();
        // Delays 0, 0.5, 1, 2 s (capped at 4): the gaps between restarts grow.
        Duration first = Duration.between(restarts.get(1).ts(), restarts.get(2).ts());
        Duration later = Duration.between(restarts.get(2).ts(), restarts.get(3).ts());
        assertThat(later).isGreaterThan(first);
        assertThat(events).extracting(EventRecord::event).contains("crashloop");
        assertThat(events.stream().filter(e -> e.event().equals("crashloop")).findFirst().orElseThrow().status())
                .contains("exited (3)").contains("restarting in");
        assertThat(allOnEngine()).as("restarted in place, never duplicated").containsExactly(id);
    }

    @Test
    void aChangedConfigurationRollsTheReplicasOneAtATime() throws Exception {
        plane.replicas().put(IMAGE, Map.of("replicas", 3, "max_replicas", 3, "command", SLEEP, "env", Map.of("V", "1")));
        awaitRunning(3);
        List<String> old = runningOnEngine();

        plane.replicas().put(IMAGE, Map.of("replicas", 3, "max_replicas", 3, "command", SLEEP, "env", Map.of("V", "2")));
        AtomicInteger fewest = new AtomicInteger(3);
        AtomicInteger most = new AtomicInteger(3);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            List<String> running = runningOnEngine();
            fewest.accumulateAndGet(running.size(), Math::min);
            most.accumulateAndGet(allOnEngine().size(), Math::max);
            return running.size() == 3 && running.stream().noneMatch(old::contains);
        });
        assertThat(fewest.get()).as("never fewer running than wanted during the rollout").isEqualTo(3);
        assertThat(most.get()).as("one extra replica at a time").isLessThanOrEqualTo(4);
        awaitRunning(3);
        for (String id : runningOnEngine()) {
            assertThat(engine.containers().inspect(id).environment()).containsEntry("V", "2");
        }
        assertThat(eventWords(IMAGE)).filteredOn("rollout"::equals).hasSize(3);
    }

    @Test
    void aRolloutWaitsForEachNewReplicaToBeHealthyBeforeRemovingAnOldOne() {
        String image = HEALTHY_IMAGE.ref();
        // Healthy two seconds after starting: a rollout that did not wait would leave fewer healthy replicas.
        List<String> slowStart = List.of("sh", "-c", "sleep 2; touch /tmp/ready; exec sleep 600");
        plane.replicas().put(image, Map.of("replicas", 2, "max_replicas", 2, "command", slowStart, "env", Map.of("V", "1")));
        await().atMost(Duration.ofSeconds(30)).until(() -> healthy(image).size() == 2);
        List<String> old = healthy(image);

        plane.replicas().put(image, Map.of("replicas", 2, "max_replicas", 2, "command", slowStart, "env", Map.of("V", "2")));
        AtomicInteger fewest = new AtomicInteger(2);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            List<String> now = healthy(image);
            fewest.accumulateAndGet(now.size(), Math::min);
            return now.size() == 2 && now.stream().noneMatch(old::contains);
        });
        assertThat(fewest.get()).as("healthy replicas during the rollout").isEqualTo(2);
        plane.replicas().delete(image);
    }

    /** Running replicas of {@code image} whose healthcheck passes, as the engine lists them. */
    private List<String> healthy(String image) {
        return engine.containers().list(ContainerFilter.allWithLabels(Map.of(Labels.MANAGED_BY, image))).stream()
                .filter(c -> c.status() == io.capstan.core.model.ContainerStatus.RUNNING
                        && c.health() == io.capstan.core.model.Health.HEALTHY)
                .map(c -> c.id()).toList();
    }

    @Test
    void limitsChangedLiveAreKeptWithoutRollingTheReplicas() {
        plane.replicas().put(IMAGE, Map.of("replicas", 2, "max_replicas", 2, "command", SLEEP));
        awaitRunning(2);
        List<String> before = runningOnEngine();
        assertThat(plane.replicas().updateResources(IMAGE, io.capstan.control.managed.ResourceLimits.from(
                Map.of("memory_limit", "96Mi"), "resources"), "resources")).allMatch(io.capstan.control.managed.Outcome::ok);
        assertThat(((Number) store.desired(IMAGE).orElseThrow().resources().get("memory_limit")).longValue())
                .isEqualTo(96L << 20);
        // Two resyncs later the same containers still run, with the new limit.
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8)).untilAsserted(() ->
                assertThat(runningOnEngine()).containsExactlyInAnyOrderElementsOf(before));
        assertThat(before).allSatisfy(id -> assertThat(engine.containers().inspect(id).resources().memoryBytes())
                .isEqualTo(96L << 20));
    }

    @Test
    void resourcesChangedInTheDesiredStateRollTheReplicas() {
        plane.replicas().put(IMAGE, Map.of("replicas", 2, "max_replicas", 2, "command", SLEEP));
        awaitRunning(2);
        plane.replicas().put(IMAGE, Map.of("replicas", 2, "max_replicas", 2, "command", SLEEP,
                "resources", Map.of("memory_limit", "64Mi")));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<String> running = runningOnEngine();
            assertThat(running).hasSize(2);
            assertThat(running).allSatisfy(id -> assertThat(engine.containers().inspect(id).resources().memoryBytes())
                    .isEqualTo(64L << 20));
        });
    }

    @Test
    void aRestartedControlPlaneAdoptsItsReplicasAndFinishesTheJob() throws Exception {
        plane.replicas().put(IMAGE, Map.of("replicas", 2, "max_replicas", 4, "command", SLEEP));
        awaitRunning(2);
        List<String> before = runningOnEngine();
        plane.close();
        // While it is down: one replica dies, and one extra appears (as if it had been killed mid scale-up).
        engine.containers().kill(before.getFirst(), "KILL");
        var labels = engine.containers().inspect(before.getLast()).labels();
        String extra = engine.containers().create(ContainerSpec.builder(IMAGE).labels(labels).command(SLEEP).build());
        engine.containers().start(extra);
        store.close();
        store = database.open();
        plane = ControlPlane.start(engine, store, FAST);
        awaitRunning(2);
        // Two were running, as wanted: they are kept, and the dead one is removed rather than restarted.
        assertThat(runningOnEngine()).containsExactlyInAnyOrder(before.getLast(), extra);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(store.eventsOf(before.getFirst(), 50))
                .extracting(EventRecord::event).contains("cleanup"));
    }

    @Test
    void busyReplicasAreScaledUpToHoldTheTargetCpu() throws Exception {
        plane.close();
        plane = ControlPlane.start(engine, store, new ControlPlane.Options(Duration.ofSeconds(1), Duration.ofDays(1),
                HealthRule.DEFAULT, FAST.reconcile()));
        // A busy loop limited to a fifth of a CPU runs at about 100 % of its limit: twice the target.
        plane.replicas().put(IMAGE, Map.of("replicas", 1, "max_replicas", 3, "command",
                List.of("sh", "-c", "while :; do :; done"), "resources", Map.of("cpu_limit", "0.2"),
                "autoscale", Map.of("target_cpu_percent", 50, "scale_down_window_seconds", 600)));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(store.desired(IMAGE).orElseThrow().replicas()).isEqualTo(3));
        awaitRunning(3);
        List<EventRecord> decisions = store.listEvents(IMAGE, 500).stream()
                .filter(e -> e.event().equals("autoscale")).toList();
        assertThat(decisions).isNotEmpty().allSatisfy(e -> assertThat(e.status()).contains("target 50 %"));
    }

    @Test
    void deletingTheDesiredStateRemovesItsReplicasAndLeavesOthersAlone() {
        String outsider = engine.containers().create(ContainerSpec.builder(IMAGE).command("sleep", "600").build());
        engine.containers().start(outsider);
        outsiders.add(outsider);
        plane.replicas().put(IMAGE, Map.of("replicas", 2, "max_replicas", 2, "command", SLEEP));
        awaitRunning(2);

        assertThat(plane.replicas().delete(IMAGE)).hasSize(2);
        assertThat(allOnEngine()).isEmpty();
        assertThat(store.desired(IMAGE)).isEmpty();
        assertThat(engine.containers().inspect(outsider).isRunning()).isTrue();
        // Nothing comes back at the next resync.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> allOnEngine().isEmpty());
    }
}
