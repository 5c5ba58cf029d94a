package io.capstan.control.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** What every store does, on every database it runs on. */
abstract class StoreContract {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00.123456Z");
    protected Store store;

    /** A fresh, empty store. */
    protected abstract Store open();

    /** The same database opened again, as after a restart. */
    protected abstract Store reopen();

    /** A plain JDBC connection to the same database, for the seed's SQL. */
    protected abstract Connection rawConnection() throws SQLException;

    @BeforeEach
    void openStore() {
        store = open();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void desiredStateIsUpsertedReadAndDeleted() {
        Map<String, Object> ports = new LinkedHashMap<>();
        ports.put("80/tcp", 8080);
        ports.put("443/tcp", null);
        store.upsertDesired(new DesiredImage("nginx:alpine", 1, 3, Map.of("cpu_limit", "0.5", "memory_limit", "512Mi"),
                Map.of("DEBUG", "true"), ports, T0));
        DesiredImage read = store.desired("nginx:alpine").orElseThrow();
        assertThat(read.minReplicas()).isEqualTo(1);
        assertThat(read.maxReplicas()).isEqualTo(3);
        assertThat(read.resources()).containsEntry("memory_limit", "512Mi");
        assertThat(read.env()).containsEntry("DEBUG", "true");
        assertThat(read.ports()).containsEntry("80/tcp", 8080).containsEntry("443/tcp", null);
        assertThat(read.updatedAt()).isEqualTo(T0);

        store.upsertDesired(new DesiredImage("nginx:alpine", 2, 5, Map.of(), Map.of(), Map.of(), T0.plusSeconds(1)));
        assertThat(store.desired("nginx:alpine").orElseThrow().maxReplicas()).isEqualTo(5);
        store.upsertDesired(new DesiredImage("app:1", 1, 1, null, null, null, T0));
        assertThat(store.listDesired()).extracting(DesiredImage::image).containsExactly("app:1", "nginx:alpine");

        var autoscale = new Autoscale(60, Duration.ZERO, Duration.ofSeconds(90));
        store.upsertDesired(new DesiredImage("app:1", 1, 4, 3, Map.of(), Map.of(), Map.of(), List.of("sleep", "60"),
                autoscale, T0));
        DesiredImage scaled = store.desired("app:1").orElseThrow();
        assertThat(scaled.replicas()).isEqualTo(3);
        assertThat(scaled.command()).containsExactly("sleep", "60");
        assertThat(scaled.autoscale()).isEqualTo(autoscale);
        assertThat(store.desired("nginx:alpine").orElseThrow().replicas()).as("replicas default to min").isEqualTo(2);
        assertThat(store.desired("nginx:alpine").orElseThrow().autoscale()).isNull();

        assertThat(store.deleteDesired("nginx:alpine")).isTrue();
        assertThat(store.deleteDesired("nginx:alpine")).isFalse();
        assertThat(store.desired("nginx:alpine")).isEmpty();
    }

    @Test
    void replicasARequestStoppedAreKeptWithTheDesiredState() {
        store.upsertDesired(new DesiredImage("web:1", 0, 3, 1, Map.of(), Map.of(), Map.of(), List.of(), null, T0,
                List.of("aaa", "bbb")));
        assertThat(store.desired("web:1").orElseThrow().stopped()).containsExactly("aaa", "bbb");
        store.upsertDesired(store.desired("web:1").orElseThrow().withStopped(List.of(), T0));
        assertThat(store.desired("web:1").orElseThrow().stopped()).isEmpty();
        store.upsertDesired(new DesiredImage("old:1", 1, 1, Map.of(), Map.of(), Map.of(), T0));
        assertThat(store.desired("old:1").orElseThrow().stopped()).isEmpty();
    }

    @Test
    void registryEndpointsAreUpsertedReadAndDeleted() {
        Map<String, Object> caps = new LinkedHashMap<>();
        caps.put("cpu", 2);
        caps.put("mem", "4g");
        store.upsertEndpoint(new RegistryEndpoint("b", "nginx:alpine", "10.0.0.2", 8080, caps, "UP", T0));
        store.upsertEndpoint(new RegistryEndpoint("a", "nginx:alpine", "10.0.0.1", 8080, null, "UP", T0));
        RegistryEndpoint read = store.endpoint("b").orElseThrow();
        assertThat(read.caps()).containsEntry("cpu", 2).containsEntry("mem", "4g");
        assertThat(read.lastHeartbeat()).isEqualTo(T0);
        assertThat(store.endpoint("a").orElseThrow().caps()).isNull();
        store.upsertEndpoint(read.withStatus("DOWN", T0.plusSeconds(5)));
        assertThat(store.endpoint("b").orElseThrow().status()).isEqualTo("DOWN");
        assertThat(store.endpoint("b").orElseThrow().lastHeartbeat()).isEqualTo(T0.plusSeconds(5));
        assertThat(store.listEndpoints()).extracting(RegistryEndpoint::id).containsExactly("a", "b");
        assertThat(store.deleteEndpoint("a")).isTrue();
        assertThat(store.deleteEndpoint("a")).isFalse();
        assertThat(store.endpoint("a")).isEmpty();
    }

    @Test
    void eventsAfterAnIdComeInTheOrderTheyWereRecordedForFollowing() {
        EventRecord first = store.recordEvent(event("web:1", "c1", "create", T0.plusMillis(50)));
        store.recordEvent(event("db:1", "c2", "create", T0));
        store.recordEvent(event("web:1", "c1", "start", T0.plusMillis(1)));
        assertThat(store.eventsAfter(null, 0, 10)).extracting(EventRecord::event, EventRecord::image).containsExactly(
                tuple("create", "web:1"), tuple("create", "db:1"), tuple("start", "web:1"));
        assertThat(store.eventsAfter("web:1", first.id(), 10)).extracting(EventRecord::event).containsExactly("start");
        assertThat(store.eventsAfter(null, first.id(), 1)).extracting(EventRecord::image).containsExactly("db:1");
    }

    @Test
    void theLastDecisionOfEachImageIsItsNewestEventOfThatName() {
        store.recordEvent(EventRecord.decision("web:1", null, null, "node-1", "autoscale", "scaled 1 to 2: cpu 91%"));
        store.recordEvent(EventRecord.decision("db:1", null, null, "node-1", "autoscale", "scaled 2 to 1: cpu 3%"));
        store.recordEvent(EventRecord.decision("web:1", null, null, "node-1", "autoscale", "scaled 2 to 3: cpu 88%"));
        store.recordEvent(event("web:1", "c1", "create", T0));
        store.recordEvent(event("cache:1", "c3", "create", T0));
        assertThat(store.latestPerImage("autoscale")).extracting(EventRecord::image, EventRecord::status)
                .containsExactly(tuple("db:1", "scaled 2 to 1: cpu 3%"), tuple("web:1", "scaled 2 to 3: cpu 88%"));
        assertThat(store.latestPerImage("rollout")).isEmpty();
    }

    @Test
    void eventsAreNumberedAndListedNewestFirst() {
        EventRecord first = store.recordEvent(event("web:1", "c1", "create", T0));
        EventRecord second = store.recordEvent(event("web:1", "c1", "start", T0.plusMillis(5)));
        store.recordEvent(event("db:1", "c2", "create", T0.plusMillis(10)));
        assertThat(second.id()).isGreaterThan(first.id());
        assertThat(store.listEvents(null, 10)).extracting(EventRecord::event).containsExactly("create", "start", "create");
        assertThat(store.listEvents("web:1", 10)).extracting(EventRecord::event).containsExactly("start", "create");
        assertThat(store.listEvents(null, 1)).extracting(EventRecord::image).containsExactly("db:1");
        assertThat(store.eventsOf("c1", 10)).hasSize(2).first().satisfies(e -> {
            assertThat(e.ts()).isEqualTo(T0.plusMillis(5));
            assertThat(e.ports()).containsEntry("80/tcp", 8080);
            assertThat(e.host()).isEqualTo("node-1");
        });
    }

    @Test
    void healthHistoryIsFilteredWindowedAndPruned() {
        for (int i = 0; i < 5; i++) {
            store.recordHealth(new HealthSnapshot(0, "web:1", "c1", "web-1", "node-1", 10 + i, 20, 30, 4096L, "healthy", "none",
                    T0.plus(i, ChronoUnit.MINUTES)));
        }
        store.recordHealth(new HealthSnapshot(0, "db:1", "c2", "db-1", "node-1", 95, 20, 30, null, "critical", "unhealthy", T0));
        assertThat(store.recentHealth(null, "c1", 2)).extracting(HealthSnapshot::cpuUsage).containsExactly(14.0, 13.0);
        assertThat(store.recentHealth("db:1", null, 10)).singleElement()
                .satisfies(h -> assertThat(h.status()).isEqualTo("critical"))
                .satisfies(h -> assertThat(h.engineHealth()).isEqualTo("unhealthy"))
                .satisfies(h -> assertThat(h.diskLayerBytes()).isNull());
        assertThat(store.recentHealth(null, "c1", 1).getFirst().diskLayerBytes()).isEqualTo(4096L);
        assertThat(store.healthSince("c1", T0.plus(3, ChronoUnit.MINUTES))).extracting(HealthSnapshot::cpuUsage)
                .containsExactly(13.0, 14.0);
        assertThat(store.pruneHealth(T0.plus(Duration.ofMinutes(2)))).isEqualTo(3);
        assertThat(store.recentHealth(null, null, 10)).hasSize(3);
    }

    @Test
    void aCycleOfSamplesIsStoredWholeOrNotAtAll() {
        List<HealthSnapshot> stored = store.recordHealth(List.of(sample("c1"), sample("c2"), sample("c3")));
        assertThat(stored).extracting(HealthSnapshot::containerId).containsExactly("c1", "c2", "c3");
        assertThat(stored).extracting(HealthSnapshot::id).doesNotHaveDuplicates().allMatch(id -> id > 0);
        assertThat(store.recentHealth(null, null, 10)).hasSize(3);
        // a sample the database refuses (it has no container) takes the rest of its cycle with it
        assertThatThrownBy(() -> store.recordHealth(List.of(sample("c4"), sample(null))))
                .isInstanceOf(io.capstan.core.error.EngineException.class);
        assertThat(store.recentHealth(null, null, 10)).extracting(HealthSnapshot::containerId)
                .containsExactlyInAnyOrder("c1", "c2", "c3");
        assertThat(store.recordHealth(List.of())).isEmpty();
    }

    private static HealthSnapshot sample(String containerId) {
        return new HealthSnapshot(0, "web:1", containerId, "web-1", "node-1", 1, 2, 3, null, "healthy", "none", T0);
    }

    @Test
    void theSeedsExampleQueriesWork() throws SQLException {
        store.recordEvent(event("web:1", "c1", "create", T0));
        store.recordHealth(new HealthSnapshot(0, "web:1", "c1", "web-1", "node-1", 1, 2, 3, null, "healthy", "none", T0));
        store.upsertDesired(new DesiredImage("web:1", 1, 2, Map.of(), Map.of(), Map.of(), T0));
        try (Connection c = rawConnection(); Statement s = c.createStatement()) {
            assertThat(count(s, "SELECT * FROM events WHERE event = 'create'")).isEqualTo(1);
            assertThat(count(s, "SELECT * FROM health_snapshots WHERE container_id = 'c1' ORDER BY ts DESC")).isEqualTo(1);
            assertThat(count(s, "SELECT * FROM desired_images")).isEqualTo(1);
        }
    }

    @Test
    void anEngineEventReplayedIsRecordedOnce() {
        assertThat(store.lastEngineEventTime()).isEmpty();
        assertThat(store.recordEngineEvent(event("app:1", "c1", "start", T0), "c1/start/1")).isPresent();
        assertThat(store.recordEngineEvent(event("app:1", "c1", "start", T0), "c1/start/1")).isEmpty();
        assertThat(store.recordEngineEvent(event("app:1", "c1", "stop", T0.plusSeconds(2)), "c1/die/2")).isPresent();
        store.recordEvent(event("app:1", "c1", "note", T0.plusSeconds(9)));

        assertThat(store.eventsOf("c1", 10)).extracting(EventRecord::event).containsExactly("note", "stop", "start");
        assertThat(store.lastEngineEventTime()).contains(T0.plusSeconds(2));
    }

    @Test
    void engineEventsStoredTogetherKeepTheirOrderAndSkipRepeats() {
        store.recordEngineEvent(event("app:1", "c1", "create", T0), "c1/create/0");
        List<Optional<EventRecord>> stored = store.recordEngineEvents(List.of(
                new KeyedEvent(event("app:1", "c1", "create", T0), "c1/create/0"),
                new KeyedEvent(event("app:1", "c1", "start", T0.plusSeconds(1)), "c1/start/1"),
                new KeyedEvent(event("app:1", "c1", "stop", T0.plusSeconds(2)), "c1/die/2")));

        assertThat(stored.get(0)).isEmpty();
        assertThat(stored.get(1).orElseThrow().id()).isLessThan(stored.get(2).orElseThrow().id());
        assertThat(store.eventsAfter(null, 0, 10)).extracting(EventRecord::event)
                .containsExactly("create", "start", "stop");
    }

    @Test
    void whatWasStoredIsThereAfterARestart() {
        store.upsertDesired(new DesiredImage("kept:1", 1, 1, Map.of(), Map.of(), Map.of(), T0));
        store.recordEvent(event("kept:1", "c9", "create", T0));
        store.close();
        store = reopen();
        assertThat(store.desired("kept:1")).isPresent();
        assertThat(store.eventsOf("c9", 10)).hasSize(1);
    }

    private static int count(Statement s, String sql) throws SQLException {
        int n = 0;
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                n++;
            }
        }
        return n;
    }

    private static EventRecord event(String image, String container, String event, Instant ts) {
        return new EventRecord(0, image, container, image.replace(':', '-'), "node-1", Map.of("80/tcp", 8080),
                "running", event, ts);
    }
}
