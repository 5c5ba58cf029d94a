package io.capstan.server;

import io.capstan.control.store.EventRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code GET /events/stream} against the real engine: events as they happen, and no loss across a reconnect. */
class EventStreamIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void aClientThatReconnectsWithLastEventIdSeesEveryEventItMissed() throws Exception {
        try (ObservedPlane p = new ObservedPlane(dir, "events", false)) {
            URI uri = URI.create(p.server().url() + "/events/stream?image=" + p.encodedImage());
            String lastId;
            try (SseReader first = new SseReader(uri, null)) {
                assertThat(first.response().statusCode()).isEqualTo(200);
                assertThat(first.response().headers().firstValue("Content-Type")).hasValueSatisfying(
                        t -> assertThat(t).startsWith("text/event-stream"));
                assertThat(first.response().headers().firstValue("X-Accel-Buffering")).contains("no");

                put(p, 1);
                List<SseReader.Message> seen = until(first, m -> "lifecycle".equals(m.event())
                        && "start".equals(m.data().path("event").asText()));
                assertThat(seen).extracting(SseReader.Message::event).contains("reconcile");
                assertThat(seen).allSatisfy(m -> {
                    assertThat(m.id()).isNotBlank();
                    assertThat(m.data().path("image").asText()).isEqualTo(p.image);
                });
                SseReader.Message start = seen.getLast();
                assertThat(start.data().path("container").path("status").asText()).isEqualTo("running");
                lastId = start.id();
            }

            // While no one listens: scale up, and kill a replica outside Capstan.
            put(p, 3);
            await().atMost(WAIT).until(() -> p.runningOnEngine().size() == 3);
            p.engine.containers().kill(p.runningOnEngine().getFirst(), "KILL");
            await().atMost(WAIT).until(() -> p.store.listEvents(p.image, 1000).stream()
                    .anyMatch(e -> e.event().equals("restart")));
            p.plane.settle(WAIT);
            List<Long> missed = p.store.eventsAfter(p.image, Long.parseLong(lastId), 1000).stream()
                    .map(EventRecord::id).toList();
            assertThat(missed).hasSizeGreaterThan(4);

            try (SseReader again = new SseReader(uri, lastId)) {
                List<Long> received = new ArrayList<>();
                while (received.size() < missed.size()) {
                    SseReader.Message m = again.next(WAIT);
                    assertThat(m).as("events after %s: %s so far of %s", lastId, received, missed).isNotNull();
                    if (m.id() != null) {
                        received.add(Long.parseLong(m.id()));
                    }
                }
                assertThat(received).isEqualTo(missed);
                assertThat(received.stream().map(id -> p.store.eventsAfter(p.image, id - 1, 1).getFirst().event()))
                        .contains("desired", "create", "start", "stop", "restart");

                // And it carries on live after the replay, without repeating anything.
                put(p, 1);
                List<SseReader.Message> live = until(again, m -> "lifecycle".equals(m.event())
                        && "remove".equals(m.data().path("event").asText()));
                assertThat(live).filteredOn(m -> m.id() != null)
                        .allSatisfy(m -> assertThat(Long.parseLong(m.id())).isGreaterThan(missed.getLast()));
            }
        }
    }

    @Test
    void aContainerWhoseHealthClassChangesIsAHealthEvent() throws Exception {
        try (ObservedPlane p = new ObservedPlane(dir, "eventshealth", false)) {
            put(p, 1);
            await().atMost(WAIT).until(() -> p.runningOnEngine().size() == 1);
            String id = p.runningOnEngine().getFirst();
            URI uri = URI.create(p.server().url() + "/events/stream?kind=health&image=" + p.encodedImage());
            try (SseReader health = new SseReader(uri, null)) {
                // Sampled healthy at least once since the stream began, then stopped.
                long after = System.currentTimeMillis();
                await().atMost(WAIT).until(() -> p.store.recentHealth(p.image, id, 1).stream()
                        .anyMatch(s -> s.ts().toEpochMilli() > after + 1000 && s.status().equals("healthy")));
                var stop = p.api().call("POST", "/containers/" + id + "/stop?timeout=0", p.admin, null);
                assertThat(stop.status()).as(stop.json().toString()).isEqualTo(200);

                SseReader.Message m = nextChange(health);
                assertThat(m).as("a health event").isNotNull();
                assertThat(m.event()).isEqualTo("health");
                assertThat(m.id()).as("health changes are live only").isNull();
                assertThat(m.data().path("container_id").asText()).isEqualTo(id);
                assertThat(m.data().path("previous").asText()).isEqualTo("healthy");
                assertThat(m.data().path("status").asText()).isEqualTo("stopped");
            }
            // A client connecting later starts from every container's class as last sampled.
            await().atMost(WAIT).until(() -> p.store.recentHealth(p.image, id, 1).getFirst().status().equals("stopped"));
            try (SseReader later = new SseReader(uri, null)) {
                SseReader.Message m = later.next(WAIT);
                assertThat(m).as("the current health class").isNotNull();
                assertThat(m.data().path("container_id").asText()).isEqualTo(id);
                assertThat(m.data().path("status").asText()).isEqualTo("stopped");
                assertThat(m.data().path("previous").isNull()).isTrue();
            }
        }
    }

    @Test
    void aBadFilterOrLastEventIdIsOneClearError() throws Exception {
        try (ObservedPlane p = new ObservedPlane(dir, "eventsbad", false)) {
            var kind = p.api().call("GET", "/events/stream?kind=lifecycle,nonsense", null, null);
            assertThat(kind.status()).isEqualTo(422);
            assertThat(kind.json().toString()).contains("'nonsense' is not a kind of event");
            try (SseReader bad = new SseReader(URI.create(p.server().url() + "/events/stream"), "yesterday")) {
                assertThat(bad.response().statusCode()).isEqualTo(422);
            }
            var paths = p.api().call("GET", "/openapi.json", null, null).json().path("paths");
            for (String endpoint : p.server().servedEndpoints()) {
                String method = endpoint.substring(0, endpoint.indexOf(' ')).toLowerCase(java.util.Locale.ROOT);
                String path = endpoint.substring(endpoint.indexOf(' ') + 1).replace('<', '{').replace('>', '}');
                assertThat(paths.path(path).has(method)).as(endpoint + " documented").isTrue();
            }
            assertThat(paths.fieldNames()).toIterable().contains("/events/stream", "/metrics", "/session", "/");
        }
    }

    /**
     * The next health change, past the snapshot ({@code previous: null}) a new client is sent first when the health
     * cycle has already sampled the container; null if none comes in time.
     */
    private static SseReader.Message nextChange(SseReader health) throws InterruptedException {
        SseReader.Message m = health.next(WAIT);
        while (m != null && m.data().path("previous").isNull()) {
            m = health.next(WAIT);
        }
        return m;
    }

    private static void put(ObservedPlane p, int replicas) {
        var answer = p.api().call("PUT", "/containers/" + p.encodedImage() + "/desired", p.admin,
                "{\"min_replicas\": 1, \"max_replicas\": 5, \"replicas\": " + replicas
                        + ", \"command\": [\"sleep\", \"600\"]}");
        assertThat(answer.status()).as(answer.json().toString()).isIn(200, 201);
    }

    /** Messages up to and including the first that {@code last} accepts. */
    private static List<SseReader.Message> until(SseReader reader, java.util.function.Predicate<SseReader.Message> last)
            throws InterruptedException {
        List<SseReader.Message> seen = new ArrayList<>();
        while (true) {
            SseReader.Message m = reader.next(WAIT);
            assertThat(m).as("a message after %s", seen).isNotNull();
            seen.add(m);
            if (last.test(m)) {
                return seen;
            }
        }
    }
}
