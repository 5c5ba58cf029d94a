package io.capstan.control.events;

import io.capstan.control.managed.ManagedContainers;
import io.capstan.control.managed.ManagedState;
import io.capstan.control.store.EventRecord;
import io.capstan.control.store.Store;
import io.capstan.control.store.Stores;
import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.ContainerOperations;
import io.capstan.core.engine.EventFilter;
import io.capstan.core.engine.Subscription;
import io.capstan.core.label.ImageIdentity;
import io.capstan.core.label.Labels;
import io.capstan.core.model.ContainerInfo;
import io.capstan.core.model.ContainerStatus;
import io.capstan.core.model.EngineEvent;
import io.capstan.core.model.EventKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The intake of engine events against a fake engine that counts its reads and can be held up, as a loaded engine
 * holds the intake up: the events that arrive meanwhile are handled together.
 */
class EventIngestorTest {
    private static final String IMAGE = "intake16-app:1";
    private static final Instant T0 = Instant.parse("2026-12-04T21:00:00Z");

    @TempDir
    Path dir;

    private final Map<String, AtomicInteger> inspections = new ConcurrentHashMap<>();
    private final CountDownLatch firstReadStarted = new CountDownLatch(1);
    private final CountDownLatch engineAnswers = new CountDownLatch(1);
    private final CountDownLatch streamEnded = new CountDownLatch(1);
    private volatile Consumer<EngineEvent> stream;
    private Store store;
    private EventWriter writer;
    private ManagedState state;
    private EventIngestor ingestor;
    private int clock;

    @BeforeEach
    void start() {
        store = Stores.sqlite(dir.resolve("capstan.db"));
        writer = new EventWriter(store);
        state = new ManagedState("intake16-host");
        ContainerEngine engine = fakeEngine();
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
        send("c0", EventKind.STARTED);
        assertThat(firstReadStarted.await(10, TimeUnit.SECONDS)).isTrue();
        List<String> killed = List.of("c1", "c2", "c3", "c4");
        for (String id : killed) {
            send(id, EventKind.KILLED);
            send(id, EventKind.DIED);
            send(id, EventKind.STARTED); // restarted by its restart policy
        }
        engineAnswers.countDown();
        ingestor.drain(Duration.ofSeconds(10));
        assertThat(writer.flush(Duration.ofSeconds(10))).isTrue();

        for (String id : killed) {
            assertThat(inspections.get(id)).as("engine reads of " + id).hasValue(1);
            assertThat(store.eventsOf(id, 10).reversed()).extracting(EventRecord::event, EventRecord::status)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("stop", "exited (137)"),
                            org.assertj.core.groups.Tuple.tuple("start", "running"));
            assertThat(state.get(id)).isPresent();
        }
        assertThat(store.eventsAfter(null, 0, 100)).hasSize(1 + 2 * killed.size());
    }

    @Test
    void aContainerCreatedAndRemovedAtOnceHasAllItsEventsRecordedOnceInOrder() throws InterruptedException {
        send("c0", EventKind.STARTED);
        assertThat(firstReadStarted.await(10, TimeUnit.SECONDS)).isTrue();
        for (EventKind kind : List.of(EventKind.CREATED, EventKind.STARTED, EventKind.KILLED, EventKind.DIED,
                EventKind.DESTROYED)) {
            send("c5", kind);
        }
        engineAnswers.countDown();
        ingestor.drain(Duration.ofSeconds(10));
        assertThat(writer.flush(Duration.ofSeconds(10))).isTrue();

        assertThat(store.eventsOf("c5", 10).reversed()).extracting(EventRecord::event)
                .containsExactly("create", "start", "stop", "remove");
        assertThat(state.get("c5")).isEmpty();
    }

    @Test
    void aKilledContainerIsShownExitedAtOnceWithoutReadingTheEngine() throws InterruptedException {
        send("c6", EventKind.STARTED);
        engineAnswers.countDown();
        ingestor.drain(Duration.ofSeconds(10));
        inspections.clear();

        send("c6", EventKind.KILLED);
        send("c6", EventKind.DIED);
        ingestor.drain(Duration.ofSeconds(10));
        assertThat(writer.flush(Duration.ofSeconds(10))).isTrue();

        assertThat(inspections.get("c6")).isNull();
        assertThat(state.get("c6")).hasValueSatisfying(c -> {
            assertThat(c.status()).isEqualTo("exited");
            assertThat(c.exitCode()).isEqualTo(137);
        });
        assertThat(store.eventsOf("c6", 10).reversed()).extracting(EventRecord::event).containsExactly("start", "stop");
    }

    @Test
    void anExitIsRecordedWhileAnotherContainersReadWaitsForTheEngine() throws InterruptedException {
        send("c0", EventKind.STARTED);
        assertThat(firstReadStarted.await(10, TimeUnit.SECONDS)).isTrue();
        send("c7", EventKind.KILLED);
        send("c7", EventKind.DIED);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (store.eventsOf("c7", 10).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        assertThat(store.eventsOf("c7", 10)).extracting(EventRecord::event).containsExactly("stop");
        assertThat(store.eventsOf("c0", 10)).isEmpty();
        engineAnswers.countDown();
        ingestor.drain(Duration.ofSeconds(10));
        assertThat(writer.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(store.eventsOf("c0", 10)).extracting(EventRecord::event).containsExactly("start");
    }

    @Test
    void eventsOfAContainerCapstanOwnsButDoesNotManageAreNotRecorded() throws InterruptedException {
        engineAnswers.countDown();
        Map<String, String> stackContainer = Map.of(Labels.OWNER, "true", Labels.STACK, "shop", "name", "shop-web-1");
        send("s1", EventKind.STARTED, stackContainer);
        send("s1", EventKind.DIED, stackContainer);
        send("c8", EventKind.STARTED, Map.of(Labels.OWNER, "true", Labels.MANAGED_IMAGE, IMAGE,
                Labels.MANAGED_IMAGE_HASH, ImageIdentity.hash(IMAGE), "name", "intake16-c8"));
        ingestor.drain(Duration.ofSeconds(10));
        assertThat(writer.flush(Duration.ofSeconds(10))).isTrue();

        assertThat(store.eventsOf("s1", 10)).isEmpty();
        assertThat(inspections.get("s1")).isNull();
        assertThat(store.eventsOf("c8", 10)).extracting(EventRecord::event, EventRecord::image)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("start", IMAGE));
    }

    private void send(String id, EventKind kind) {
        send(id, kind, Map.of(Labels.OWNER, "true", Labels.MANAGED_BY, IMAGE, "name", "intake16-" + id));
    }

    private void send(String id, EventKind kind, Map<String, String> labels) {
        Map<String, String> attributes = new java.util.HashMap<>(labels);
        if (kind == EventKind.DIED) {
            attributes.put("exitCode", "137");
        }
        String verb = kind.name().toLowerCase(java.util.Locale.ROOT);
        stream.accept(new EngineEvent("container", kind, verb, id, attributes, T0.plusMillis(++clock)));
    }

    private ContainerInfo inspect(String id) {
        firstReadStarted.countDown();
        try {
            engineAnswers.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        inspections.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        return new ContainerInfo(id, "intake16-" + id, IMAGE, "sha256:intake16", ContainerStatus.RUNNING, null,
                List.of(), Map.of(), Map.of(Labels.OWNER, "true", Labels.MANAGED_BY, IMAGE), T0, null, null, List.of(),
                List.of(), 0, T0, null);
    }

    private ContainerEngine fakeEngine() {
        ContainerOperations containers = proxy(ContainerOperations.class, (name, args) -> switch (name) {
            case "list" -> List.of();
            case "inspect" -> inspect((String) args[0]);
            default -> throw new UnsupportedOperationException(name);
        });
        Subscription subscription = new Subscription() {
            @Override
            public boolean awaitCompletion(Duration timeout) throws InterruptedException {
                return streamEnded.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }

            @Override
            public void close() {
                streamEnded.countDown();
            }
        };
        return proxy(ContainerEngine.class, (name, args) -> switch (name) {
            case "events" -> {
                @SuppressWarnings("unchecked")
                Consumer<EngineEvent> listener = (Consumer<EngineEvent>) args[1];
                assertThat(args[0]).isInstanceOf(EventFilter.class);
                stream = listener;
                yield subscription;
            }
            case "containers" -> containers;
            case "close" -> null;
            default -> throw new UnsupportedOperationException(name);
        });
    }

    private interface Call {
        Object answer(String name, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Call call) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type},
                (self, method, args) -> method.getDeclaringClass() == Object.class
                        ? method.invoke(call, args) : call.answer(method.getName(), args)));
    }
}
