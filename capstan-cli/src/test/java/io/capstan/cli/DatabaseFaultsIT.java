package io.capstan.cli;

import io.capstan.control.events.EventGaps;
import io.capstan.control.store.EventRecord;
import io.capstan.control.store.Store;
import io.capstan.control.store.Stores;
import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.EventFilter;
import io.capstan.core.engine.Subscription;
import io.capstan.core.label.Labels;
import io.capstan.core.spec.ContainerSpec;
import io.capstan.tck.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The control plane's event recording through database faults, on an engine and a database of the test's own
 * ({@link NodeEngine}, {@link OwnPostgres}; the shared ones are never touched). Managed containers are created,
 * started, killed and removed in a loop while the fault lasts, and what the store holds at the end is compared
 * with what the engine produced, as the test saw it on the engine's own event stream: every lifecycle change
 * exactly once, none lost, none twice; meanwhile the server answers reads.
 */
class DatabaseFaultsIT {
    private static final String IMAGE = TestImages.BUSYBOX;
    private static final Map<String, String> ACTION_WORDS = Map.of("create", "create", "start", "start", "die", "stop",
            "destroy", "remove");

    /** How much longer a fault may last than planned while the server has not yet found it. */
    private static final Duration NOTICE_PATIENCE = Duration.ofSeconds(30);

    private final String prefix = "chaos17c-db-" + UUID.randomUUID().toString().substring(0, 8);
    private NodeEngine node;
    private ContainerEngine engine;
    private OwnPostgres postgres;
    private ServerProcess server;
    private Subscription watch;
    /** What the engine produced: each managed container's lifecycle words, in order. */
    private final Map<String, List<String>> produced = new ConcurrentHashMap<>();

    /** Kept when a test fails, for the server's log. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path data;

    @BeforeEach
    void setUp() throws Exception {
        node = NodeEngine.start(prefix);
        engine = node.connect();
        watch = engine.events(new EventFilter(Set.of("container"), Map.of(Labels.MANAGED_BY, IMAGE), null), e -> {
            String word = ACTION_WORDS.get(e.action());
            if (word != null) {
                produced.computeIfAbsent(e.actorId(), id -> new CopyOnWriteArrayList<>()).add(word);
            }
        });
    }

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) {
            server.close();
        }
        if (watch != null) {
            watch.close();
        }
        if (engine != null) {
            engine.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void postgresKilledThreeTimesUnderWriteLoadLosesAndRepeatsNothing() throws Exception {
        postgres = OwnPostgres.start(prefix);
        server = new ServerProcess(data, node.endpoint(), "--db", postgres.url(), "--db-user", "postgres");
        server.start();
        try (Load load = new Load()) {
            for (int round = 1; round <= 3; round++) {
                Thread.sleep(1500);
                postgres.kill();
                answersReadsFor(Duration.ofSeconds(4), "PostgreSQL killed, round " + round, load);
                postgres.startAgain();
            }
            Thread.sleep(1500);
        }
        try (Store store = Stores.postgres(postgres.url(), "postgres", null)) {
            awaitRecordedOnce(store);
        }
    }

    @Test
    void theSqliteFileLockedThreeTimesByAnotherProcessUnderWriteLoadLosesAndRepeatsNothing() throws Exception {
        Path db = data.resolve("capstan.db");
        server = new ServerProcess(data, node.endpoint(), "--db", db.toString());
        server.start();
        try (Load load = new Load()) {
            for (int round = 1; round <= 3; round++) {
                Thread.sleep(1500);
                // another process holds the write lock longer than the server's busy timeout (5 s)
                Process sqlite = new ProcessBuilder("sqlite3", db.toString()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                OutputStream in = sqlite.getOutputStream();
                // waiting for the server's own write to end first: without a busy timeout sqlite3 fails to take the
                // lock when it meets one, and there is no fault
                in.write(".timeout 30000\nBEGIN EXCLUSIVE;\n".getBytes(StandardCharsets.UTF_8));
                in.flush();
                answersReadsFor(Duration.ofSeconds(8), "SQLite file locked, round " + round, load);
                in.write("ROLLBACK;\n.quit\n".getBytes(StandardCharsets.UTF_8));
                in.close();
                assertThat(sqlite.waitFor()).as("sqlite3 holding the lock").isZero();
            }
            Thread.sleep(1500);
        }
        try (Store store = Stores.sqlite(db)) {
            awaitRecordedOnce(store);
        }
    }

    @Test
    void theServerKilledWhileTheDatabaseIsDownRecoversFromTheReplayOrRecordsAGap() throws Exception {
        postgres = OwnPostgres.start(prefix);
        server = new ServerProcess(data, node.endpoint(), "--db", postgres.url(), "--db-user", "postgres");
        server.start();
        List<String> first = List.of(run("a1"), run("a2"));
        try (Store store = Stores.postgres(postgres.url(), "postgres", null)) {
            awaitRecordedOnce(store);
        }

        // the engine still has the events the killed server held in memory: its replay gives them back
        postgres.kill();
        List<String> during = List.of(run("b1"), run("b2"));
        engine.containers().kill(first.getFirst(), "KILL");
        awaitQueued(5);
        server.kill();
        postgres.startAgain();
        server.start();
        try (Store store = Stores.postgres(postgres.url(), "postgres", null)) {
            awaitRecordedOnce(store);
            assertThat(store.listEvents(IMAGE, 500)).as("gap events").noneMatch(e -> e.event().equals(EventGaps.GAP));
        }

        // the engine restarted meanwhile and has lost them: each container whose changes are lost gets a gap event
        postgres.kill();
        List<String> lost = List.of(run("c1"), run("c2"));
        engine.containers().kill(during.getFirst(), "KILL");
        engine.containers().remove(during.get(1), true, false);
        awaitQueued(7);
        server.kill();
        watch.close();
        engine.close();
        node.killAndRestart();
        engine = node.connect();
        postgres.startAgain();
        server.start();
        try (Store store = Stores.postgres(postgres.url(), "postgres", null)) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                for (String id : List.of(lost.get(0), lost.get(1), during.getFirst(), during.get(1))) {
                    assertThat(words(store, id)).as("events of %s (server log %s)", id, server.log()).contains(EventGaps.GAP);
                }
                assertThat(store.eventsOf(during.get(1), 1).getFirst().status()).as("the removed container's gap")
                        .isEqualTo(EventGaps.GONE);
            });
            for (String id : produced.keySet()) {
                List<String> recorded = words(store, id);
                List<String> expected = produced.get(id);
                if (!recorded.contains(EventGaps.GAP)) {
                    assertThat(recorded).as("events of %s, without a gap event", id).containsAll(expected);
                }
                for (String word : ACTION_WORDS.values()) {
                    assertThat(recorded.stream().filter(word::equals).count()).as("%s events of %s", word, id)
                            .isLessThanOrEqualTo(Math.max(1, expected.stream().filter(word::equals).count()));
                }
            }
        }
    }

    /** Creates and starts a managed container of the image, as the control plane's own would be. */
    private String run(String name) {
        String id = engine.containers().create(ContainerSpec.builder(IMAGE).name(prefix + "-" + name)
                .command("sleep", "600").labels(Map.of(Labels.OWNER, "true", Labels.MANAGED_BY, IMAGE)).build());
        engine.containers().start(id);
        return id;
    }

    /** Waits until the server holds at least {@code count} events it cannot write. */
    private void awaitQueued(int count) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
            String body = server.call("GET", "/health/detailed", null).body();
            var queued = java.util.regex.Pattern.compile("\"events_queued\"\\s*:\\s*(\\d+)").matcher(body);
            return queued.find() && Integer.parseInt(queued.group(1)) >= count;
        });
    }

    /**
     * The server answers reads throughout {@code fault}: its managed containers and its health; and the fault is
     * real: the server finds it cannot write to the database at some moment of it. The fault lasts at least
     * {@code fault}, and longer (up to {@link #NOTICE_PATIENCE} more) until the server has found it: on a loaded
     * machine the write load's next event, or the process holding the lock, may come late in the window.
     */
    private void answersReadsFor(Duration fault, String what, Load load) throws Exception {
        long start = System.nanoTime();
        int cyclesBefore = load.cycles.get();
        long end = start + fault.toNanos();
        long latest = end + NOTICE_PATIENCE.toNanos();
        boolean unreachable = false;
        while (System.nanoTime() < end || (!unreachable && System.nanoTime() < latest)) {
            assertThat(server.status("GET", "/containers")).as(what + ": GET /containers").isEqualTo(200);
            assertThat(server.status("GET", "/health")).as(what + ": GET /health").isEqualTo(200);
            var detailed = server.call("GET", "/health/detailed", null);
            assertThat(detailed.statusCode()).as(what + ": GET /health/detailed").isEqualTo(200);
            unreachable |= detailed.body().replace(" ", "").contains("\"reachable\":false");
            Thread.sleep(500);
        }
        assertThat(unreachable).as(what + ": the server found the database unwritable within %d s (%d load cycles meanwhile; "
                + "server log %s)", Duration.ofNanos(System.nanoTime() - start).toSeconds(),
                load.cycles.get() - cyclesBefore, server.log()).isTrue();
    }

    /** Every lifecycle change the engine produced is in the store exactly once (and in its order). */
    private void awaitRecordedOnce(Store store) {
        assertThat(produced).as("lifecycle changes the engine produced").isNotEmpty();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (var container : produced.entrySet()) {
                assertThat(words(store, container.getKey())).as("events of %s (server log %s)", container.getKey(),
                        server.log()).isEqualTo(container.getValue());
            }
        });
    }

    private static List<String> words(Store store, String id) {
        List<String> words = store.eventsOf(id, 500).reversed().stream().map(EventRecord::event)
                .filter(w -> ACTION_WORDS.containsValue(w) || w.equals(EventGaps.GAP)).collect(Collectors.toList());
        return new ArrayList<>(words);
    }

    /** Managed containers created, started, killed and removed one after another on a thread of its own. */
    private final class Load implements AutoCloseable {
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicInteger cycles = new AtomicInteger();
        private final Thread thread = Thread.ofPlatform().name("chaos17c-load").start(this::loop);
        private volatile RuntimeException failed;

        private void loop() {
            try {
                while (!stop.get()) {
                    String id = run("load-" + cycles.incrementAndGet());
                    engine.containers().kill(id, "KILL");
                    engine.containers().remove(id, true, false);
                }
            } catch (RuntimeException e) {
                failed = e;
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            thread.join();
            if (failed != null) {
                throw failed;
            }
            assertThat(cycles.get()).as("load cycles").isGreaterThan(3);
        }
    }
}
