package io.capstan.server;

import io.capstan.control.store.EventRecord;
import io.capstan.core.engine.EventFilter;
import io.capstan.core.label.Labels;
import io.capstan.core.model.EngineEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An event storm: 50 managed containers killed and started again, all at once, several times over. Every lifecycle
 * event the engine reports for them in that window becomes exactly one stored row (same container, same change,
 * same engine time), none is lost, none is stored twice, and nothing is stored that the engine did not report.
 */
class EventStorm50IT {
    private static final int CONTAINERS = 50;
    private static final int ROUNDS = 3;
    /** Engine actions and the word the events table uses for each (the ones this storm causes). */
    private static final Map<String, String> WORDS = Map.of("die", "stop", "start", "start");

    @TempDir
    Path dir;

    @Test
    void everyEngineEventOfAStormIsStoredExactlyOnce() throws Exception {
        try (ObservedPlane p = new ObservedPlane(dir, "storm50", false)) {
            // Watched from before the containers exist: the storm's window opens after the last of their start
            // events, whose engine time can trail the moment the engine already lists them as running.
            var seen = new ConcurrentLinkedQueue<EngineEvent>();
            var subscription = p.engine.events(new EventFilter(java.util.Set.of("container"),
                    Map.of(Labels.MANAGED_BY, p.image), null), seen::add);
            var made = p.api().call("POST", "/start/container", p.admin, "{\"image\": \"" + p.image
                    + "\", \"command\": [\"sleep\", \"600\"], \"count\": " + CONTAINERS + "}");
            assertThat(made.status()).as("POST /start/container").isBetween(200, 201);
            await().atMost(Duration.ofMinutes(3)).until(() -> p.runningOnEngine().size() == CONTAINERS
                    && seen.stream().filter(e -> e.action().equals("start")).count() == CONTAINERS);
            assertThat(p.plane.settle(Duration.ofSeconds(30))).isTrue();
            List<String> ids = p.runningOnEngine();
            Instant since = seen.stream().map(EngineEvent::time).max(Instant::compareTo).orElseThrow()
                    .truncatedTo(ChronoUnit.MICROS).plus(1, ChronoUnit.MICROS);
            seen.clear();

            try {
                for (int round = 0; round < ROUNDS; round++) {
                    allAtOnce(ids, id -> p.engine.containers().kill(id, "KILL"));
                    allAtOnce(ids, id -> p.engine.containers().start(id));
                }
                long expected = (long) ROUNDS * CONTAINERS * 2;
                await().atMost(Duration.ofMinutes(2)).until(() -> lifecycle(seen).size() >= expected);
            } finally {
                subscription.close();
            }
            Map<String, Long> engine = lifecycle(seen).stream()
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(engine.values()).as("the engine reports each event once").containsOnly(1L);
            await().atMost(Duration.ofMinutes(2)).untilAsserted(() ->
                    assertThat(stored(p, since)).as("stored events").containsAll(engine.keySet()));
            assertThat(p.plane.settle(Duration.ofSeconds(30))).isTrue();

            Map<String, Long> rows = stored(p, since).stream()
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertThat(rows.keySet()).as("stored events against the engine's").isEqualTo(engine.keySet());
            assertThat(rows.values()).as("rows per engine event").containsOnly(1L);
            assertThat(rows).hasSize(ROUNDS * CONTAINERS * 2);

            var metrics = PrometheusTextParser.parse(
                    new RawReads().get(java.net.URI.create(p.server().url() + "/metrics"), p.admin).body());
            assertThat(metrics.get("capstan_event_write_delay_seconds").samples())
                    .filteredOn(s -> s.name().equals("capstan_event_write_delay_seconds_count"))
                    .singleElement().satisfies(s -> assertThat(s.value()).isGreaterThanOrEqualTo(rows.size()));
        }
    }

    /** "container/word/engine time in microseconds" of each lifecycle event, as the store keeps the time. */
    private static List<String> lifecycle(ConcurrentLinkedQueue<EngineEvent> seen) {
        return seen.stream().filter(e -> WORDS.containsKey(e.action()))
                .map(e -> key(e.actorId(), WORDS.get(e.action()), e.time())).toList();
    }

    private static List<String> stored(ObservedPlane p, Instant since) {
        return p.store.eventsAfter(p.image, 0, 100_000).stream()
                .filter(e -> !e.ts().isBefore(since.truncatedTo(ChronoUnit.MICROS)))
                .map((EventRecord e) -> key(e.containerId(), e.event(), e.ts())).toList();
    }

    private static String key(String id, String word, Instant time) {
        return id + "/" + word + "/" + time.truncatedTo(ChronoUnit.MICROS);
    }

    private static void allAtOnce(List<String> ids, java.util.function.Consumer<String> call) throws Exception {
        List<java.util.concurrent.Future<?>> calls = new java.util.ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            ids.forEach(id -> calls.add(pool.submit(() -> call.accept(id))));
        }
        for (var c : calls) {
            c.get();
        }
    }
}
