package io.capstan.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.control.store.EventRecord;
import io.capstan.control.store.Store;
import io.capstan.control.store.Stores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The API contract on the real PostgreSQL the test command starts (scripts/postgres.sh), in a schema of its own;
 * plus what an outage of the database does: container operations go on, events queue and are written when it
 * returns.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresApiIT extends ReferenceWireContract {
    private static final String SERVER = System.getProperty("capstan.test.postgres",
            "jdbc:postgresql://127.0.0.1:5432/capstan_test");
    private final String schema = "capstan_api_" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    void createSchema() throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER, "capstan", "capstan")) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        }
    }

    @AfterAll
    void dropSchema() throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER, "capstan", "capstan")) {
            c.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    @Override
    protected Store openStore() {
        try (Connection c = DriverManager.getConnection(SERVER, "capstan", "capstan")) {
            c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            c.createStatement().execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is not reachable (the test command starts it): " + e.getMessage(), e);
        }
        return reopenStore();
    }

    @Override
    protected Store reopenStore() {
        return Stores.open(SERVER + "?currentSchema=" + schema, "capstan", "capstan");
    }

    @Test
    void aDatabaseOutageNeitherSlowsContainersNorLosesEvents() throws Exception {
        // The same operations with the database up, twice, for how long they take on this machine now.
        Duration createUp = Duration.ZERO;
        Duration stopUp = Duration.ZERO;
        for (int i = 0; i < 2; i++) {
            String[] made = new String[1];
            createUp = longest(createUp, timed(() -> made[0] = create("").path("id").asText()));
            stopUp = longest(stopUp, timed(() -> post("/containers/" + made[0] + "/stop?timeout=0", null)));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> plane.events().pending() == 0);
        cluster("stop");
        String id;
        try {
            String[] made = new String[1];
            Duration createDown = timed(() -> made[0] = create("").path("id").asText());
            id = made[0];
            Duration stopDown = timed(() -> post("/containers/" + id + "/stop?timeout=0", null));
            // Waiting on the database (its pool gives up on a connection after 3 s) would exceed this.
            assertThat(createDown).as("create during the outage; with the database up: %s", createUp)
                    .isLessThanOrEqualTo(withMargin(createUp));
            assertThat(stopDown).as("stop during the outage; with the database up: %s", stopUp)
                    .isLessThanOrEqualTo(withMargin(stopUp));
            // The first write may still be waiting out the pool's connection timeout (3 s) when three are queued.
            await().atMost(Duration.ofSeconds(10)).until(() -> plane.events().pending() >= 3
                    && !plane.events().databaseReachable());
            JsonNode detailed = get("/health/detailed").json();
            assertThat(detailed.path("database").path("reachable").asBoolean()).isFalse();
            assertThat(detailed.path("database").path("events_queued").asInt()).isGreaterThanOrEqualTo(3);
            assertThat(detailed.path("status").asText()).isEqualTo("DEGRADED");
            assertThat(detailed.path("components").path("postgresql").path("status").asText()).isEqualTo("ERROR");
            assertThat(get("/test/integration").json().path("tests").path("postgresql").path("status").asText())
                    .isEqualTo("FAIL");
            assertThat(get("/health").json().path("status").asText()).isEqualTo("DEGRADED");
        } finally {
            cluster("start");
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> plane.events().pending() == 0);
        List<EventRecord> events = eventsOf(id, 3);
        assertThat(events).extracting(EventRecord::event).containsExactly("create", "start", "stop");
        assertThat(get("/health").json().path("status").asText()).isEqualTo("OK");
    }

    private static Duration timed(Runnable operation) {
        long start = System.nanoTime();
        operation.run();
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static Duration longest(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Twice the time with the database up, plus 1.5 s for a busy machine: well under a 3 s wait on the pool. */
    private static Duration withMargin(Duration up) {
        return up.multipliedBy(2).plusMillis(1500);
    }

    /** Stops or starts Debian's cluster, as an outage would. */
    private static void cluster(String action) throws IOException, InterruptedException {
        String[] cluster = new String(new ProcessBuilder("pg_lsclusters", "-h").start().getInputStream().readAllBytes())
                .lines().findFirst().orElseThrow(() -> new IllegalStateException("no PostgreSQL cluster")).split("\\s+");
        Process p = new ProcessBuilder("pg_ctlcluster", cluster[0], cluster[1], action).inheritIO().start();
        assertThat(p.waitFor()).as("pg_ctlcluster " + action).isZero();
        if (action.equals("start")) {
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    new ProcessBuilder("pg_isready", "-q", "-h", "127.0.0.1").start().waitFor() == 0);
        }
    }
}
