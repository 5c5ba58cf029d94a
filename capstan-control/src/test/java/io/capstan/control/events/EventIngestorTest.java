package io.capstan.control.events;

import io.capstan.control.managed.ManagedContainers;
import io.capstan.control.managed.ManagedState;
import io.capstan.control.store.EventRecord;
import io.capstan.control.store.Store;
import io.capstan.control.store.Stores;
import io.capstan.core.label.Labels;
import io.capstan.core.spec.ContainerSpec;
import io.capstan.tck.fake.FakeEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The intake of engine events against the in-memory fake engine, whose container reads are counted and can be held
 * up, as a loaded engine holds the intake up: the events that arrive meanwhile are handled together.
 */
class EventIngestorTest {
    private static final String IMAGE = "intake16-app:1";

    @TempDir
    Path dir;

    private final FakeEngine engine = new FakeEngine();
    private final Map<String, AtomicInteger> inspections = new ConcurrentHashMap<>();
    private final CountDownLatch firstReadStarted = new CountDownLatch(1);
    private final CountDownLatch engineAnswers = new CountDownLatch(1);
    private volatile boolean slow;
    private Store store;
    private EventWriter writer;
    private ManagedState state;
    private EventIngestor ingestor;

    @BeforeEach
    void start() {
        engine.addImage(IMAGE);
        engine.observeCalls(call -> {
            if (call.operation().equals("containers.inspect")) {
                if (slow) {
                    firstReadStarted.countDown();
                    await(engineAnswers);
                }
                inspections.computeIfAbsent(call.ref(), k -> new AtomicInteger()).incrementAndGet();
            }
        });
        store = Stores.sqlite(dir.resolve("capstan.db"));
        writer = new EventWriter(store);
        state = new ManagedState("intake16-host");
        ingestor = EventIngestor.start(engine, new ManagedContainers(engine, state), state, writer, "intake16-host",
                null);
    }

    @AfterEach
    void stop() {
        engineAnswers.countDown();
        ingestor.close();
        writer.close();
        store.close();
    }

    @Test
    void eventsThatArriveWhileTheEngineIsSlowCostOneReadPerContainer() throws InterruptedException {
        List<String> killed = List.of("c1", "c2", "c3", "c4").stream().map(this::create).toList();
        killed.forEach(engine.containers()::start);
        drain();
        inspections.clear();
        slow = true;
        create("c0");
        assertThat(firstReadStarted.await(10, TimeUnit.SECONDS)).isTrue();
        for (String id : killed) {
            engine.containers().kill(id, "KILL");
            engine.containers().start(id); // restarted, as by its restart policy
        }
        engineAnswers.countDown();
        drain();

        for (String id : killed) {
            assertThat(inspections.get(id)).as("engine reads of " + id).hasValue(1);
            assertThat(store.eventsOf(id, 10).reversed()).extracting(EventRecord::event, EventRecord::status)
                    .containsExactly(tuple("create", "created"), tuple("start", "running"),
                            tuple("stop", "exited (137)"), tuple("start", "running"));
            assertThat(state.get(id)).isPresent();
        }
        assertThat(store.eventsAfter(null, 0, 100)).hasSize(1 + 4 * killed.size());
    }

    @Test
    void aContainerCreatedAndRemovedAtOnceHasAllItsEventsRecordedOnceInOrder() throws InterruptedException {
        slow = true;
        create("c0");
        assertThat(firstReadStarted.await(10, TimeUnit.SECONDS)).isTrue();
        String c5 = create("c5");
        engine.containers().start(c5);
        engine.containers().kill(c5, "KILL");
        engine.containers().remove(c5, false, false);
        engineAnswers.countDown();
        drain();

        assertThat(store.eventsOf(c5, 10).reversed()).extracting(EventRecord::event)
                .containsExactly("create", "start", "stop", "remove");
        assertThat(state.get(c5)).isEmpty();
    }

    @Test
    void aKilledContainerIsShownExitedAtOnceWithoutReadingTheEngine() throws InterruptedException {
        String c6 = create("c6");
        engine.containers().start(c6);
        drain();
        inspections.clear();

        engine.containers().kill(c6, "KILL");
        drain();

        assertThat(inspections.get(c6)).isNull();
        assertThat(state.get(c6)).hasValueSatisfying(c -> {
            assertThat(c.status()).isEqualTo("exited");
            assertThat(c.exitCode()).isEqualTo(137);
        });
        assertThat(store.eventsOf(c6, 10).reversed()).extracting(EventRecord::event)
                .containsExactly("create", "start", "stop");
    }

    @Test
    void anExitIsRecordedWhileAnotherContainersReadWaitsForTheEngine() throws InterruptedException {
        String c7 = create("c7");
        engine.containers().start(c7);
        drain();
        slow = true;
        String c0 = create("c0");
        assertThat(firstReadStarted.await(10, TimeUnit.SECONDS)).isTrue();
        engine.containers().kill(c7, "KILL");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (store.eventsOf(c7, 10).size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        assertThat(store.eventsOf(c7, 10)).extracting(EventRecord::event).first().isEqualTo("stop");
        assertThat(store.eventsOf(c0, 10)).isEmpty();
        engineAnswers.countDown();
        drain();
        assertThat(store.eventsOf(c0, 10)).extracting(EventRecord::event).containsExactly("create");
    }

    private String create(String name) {
        return engine.containers().create(ContainerSpec.builder(IMAGE).name("intake16-" + name)
                .labels(Map.of(Labels.OWNER, "true", Labels.MANAGED_BY, IMAGE)).build());
    }

    /** Waits until every event the engine sent so far is handled and written. */
    private void drain() throws InterruptedException {
        assertThat(engine.awaitEventsDelivered(Duration.ofSeconds(10))).isTrue();
        ingestor.drain(Duration.ofSeconds(10));
        assertThat(writer.flush(Duration.ofSeconds(10))).isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
