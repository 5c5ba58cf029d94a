package io.capstan.server;

import io.capstan.control.ControlPlane;
import io.capstan.control.health.HealthRule;
import io.capstan.control.replicas.Reconciler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Anonymous reads answer from what the control plane keeps (its managed state, the health monitor's last cycle, the
 * engine's figures as last read), so however many there are, they never call the engine: counted through the SPI.
 */
class EngineLoadIT {
    /** Reads that call the engine by design, and why. */
    private static final Map<String, String> CALL_THE_ENGINE = Map.of(
            "/containers/{id}/logs", "streams the container's own output from the engine",
            "/containers/{id}/logs/stream", "follows the container's own output on the engine",
            "/test/integration", "tries the engine once on purpose");
    /** Reads that list the engine's containers, at most once a period whoever asks ({@link RecentListing}). */
    private static final List<String> LISTED_ONCE_A_PERIOD = List.of("/stacks", "/kernels");
    private static final int READS = 20;
    /** No health cycle and no resync while a test runs. */
    private static final ControlPlane.Options QUIET = new ControlPlane.Options(Duration.ofDays(1), Duration.ofDays(1),
            HealthRule.DEFAULT, new Reconciler.Options(Duration.ofDays(1), Reconciler.Options.DEFAULT.crashWindow(),
            Reconciler.Options.DEFAULT.backoffBase(), Reconciler.Options.DEFAULT.backoffCap(),
            Reconciler.Options.DEFAULT.rolloutTimeout()));

    @TempDir
    Path dir;

    @Test
    void manyAnonymousReadsOfEveryRouteMakeNoEngineCall() throws Exception {
        CountingEngine counting = new CountingEngine();
        try (ObservedPlane p = new ObservedPlane(dir, "srv20-load", false, counting::wrap, QUIET)) {
            var put = p.api().call("PUT", "/containers/" + p.encodedImage() + "/desired", p.admin,
                    "{\"replicas\": 1, \"command\": [\"sleep\", \"600\"], \"env\": {\"DB_PASSWORD\": \"x1234\"}}");
            assertThat(put.status()).as(put.json().toString()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(30)).until(() -> p.runningOnEngine().size() == 1);
            String id = p.runningOnEngine().getFirst();
            await().atMost(Duration.ofSeconds(30)).until(() -> p.plane.state().get(id)
                    .map(c -> c.isRunning()).orElse(false));
            p.plane.health().sampleOnce(); // as a cycle does
            assertThat(p.plane.settle(Duration.ofSeconds(10))).isTrue();

            List<Route> reads = p.server().routes().stream()
                    .filter(r -> !r.mutating() && !CALL_THE_ENGINE.containsKey(r.path())
                            && !LISTED_ONCE_A_PERIOD.contains(r.path())).toList();
            RawReads raw = new RawReads();
            for (String path : LISTED_ONCE_A_PERIOD) {
                counting.reset();
                long start = System.nanoTime();
                for (int i = 0; i < READS; i++) {
                    assertThat(raw.get(URI.create(p.server().url() + path), null).status()).as("GET %s", path).isEqualTo(200);
                }
                long periods = 1 + (System.nanoTime() - start) / RecentListing.PERIOD.toNanos();
                int calls = counting.byRequests().values().stream().mapToInt(Integer::intValue).sum();
                assertThat(calls).as("engine calls made by %s reads of %s in %s period(s)", READS, path, periods)
                        .isBetween(1, (int) periods);
            }
            counting.reset();
            for (Route route : reads) {
                URI uri = uri(p, route, id);
                int times = EventStream.PATH.equals(route.path()) ? 1 : READS;
                for (int i = 0; i < times; i++) {
                    assertThat(raw.get(uri, null).status()).as("GET %s", uri).isLessThan(500);
                }
            }
            assertThat(counting.byRequests()).as("engine calls made by %s reads of each of %s", READS,
                    reads.stream().map(Route::path).toList()).isEmpty();

            assertThat(counting.count("info") + counting.count("images.list"))
                    .as("nothing in the background read the engine's figures either").isZero();
            // what they answered is the kept state, not nothing
            var detailed = p.api().call("GET", "/health/detailed", null, null).json();
            assertThat(detailed.path("engine").path("version").asText()).isNotBlank();
            var health = p.api().call("GET", "/containers/instances/" + id + "/health", null, null).json();
            assertThat(health.path("memory_bytes").asLong()).isPositive();
            var images = p.api().call("GET", "/images", null, null).json().path("engine_images").toString();
            assertThat(images).contains(p.image);
            assertThat(counting.byRequests()).isEmpty();
        }
    }

    @Test
    void aContainerTheEngineGivesNoFiguresForIsAskedAboutOnceUntilTheNextCycle() throws Exception {
        CountingEngine counting = new CountingEngine();
        try (ObservedPlane p = new ObservedPlane(dir, "srv20-load", false, counting::wrap, QUIET)) {
            var put = p.api().call("PUT", "/containers/" + p.encodedImage() + "/desired", p.admin,
                    "{\"replicas\": 1, \"command\": [\"sleep\", \"600\"]}");
            assertThat(put.status()).as(put.json().toString()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(30)).until(() -> p.runningOnEngine().size() == 1);
            String id = p.runningOnEngine().getFirst();
            await().atMost(Duration.ofSeconds(30)).until(() -> p.plane.state().get(id)
                    .map(c -> c.isRunning()).orElse(false));

            counting.fail("containers.stats", new io.capstan.core.error.EngineException("the engine gave no figures"));
            counting.reset();
            for (int i = 0; i < READS; i++) {
                var health = p.api().call("GET", "/containers/instances/" + id + "/health", null, null);
                assertThat(health.status()).isEqualTo(200);
                assertThat(health.json().path("errors").toString()).contains("cpu_usage_unavailable");
            }
            assertThat(counting.byRequests().getOrDefault("containers.stats", 0)).as("asked once, not per read")
                    .isEqualTo(1);
        }
    }

    private static URI uri(ObservedPlane p, Route route, String container) {
        String path = route.path().replace("<image>", p.encodedImage()).replace("{id}", container)
                .replace("{file}", "app.js");
        assertThat(path).as("a path parameter this test does not know: fill it in above").doesNotContain("{", "<");
        String query = route.query().containsKey("image") ? "?image=" + p.encodedImage() : "";
        return URI.create(p.server().url() + path + query);
    }
}
