package io.capstan.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One desired image scaled 0 → 50 → 0 through the API: the engine ends with exactly 50 running replicas (none more,
 * even after further reconciler passes), then with none at all, and the API lists the same.
 */
class Scale50IT {
    private static final int REPLICAS = 50;

    @TempDir
    Path dir;

    @Test
    void scalingToFiftyAndBackToZeroLeavesExactlyFiftyThenNone() throws Exception {
        try (ObservedPlane p = new ObservedPlane(dir, "scale50", false)) {
            desired(p, REPLICAS);
            await().atMost(Duration.ofMinutes(5)).until(() -> p.runningOnEngine().size() == REPLICAS);
            // Passes after convergence (a resync every 2 s here) make nothing more.
            awaitResyncs(p);
            assertThat(p.onEngine()).as("containers of the image on the engine").hasSize(REPLICAS);
            assertThat(p.runningOnEngine()).hasSize(REPLICAS);
            assertThat(listed(p)).isEqualTo(REPLICAS);

            desired(p, 0);
            await().atMost(Duration.ofMinutes(5)).until(() -> p.onEngine().isEmpty());
            awaitResyncs(p);
            assertThat(p.onEngine()).as("containers of the image on the engine").isEmpty();
            await().atMost(Duration.ofSeconds(30)).until(() -> listed(p) == 0);
            var history = p.api().call("GET", "/events?image=" + p.encodedImage() + "&limit=10000", null, null);
            assertThat(history.json().path("events").findValuesAsText("event").stream()
                    .filter("scale-down"::equals).count()).as("scale-down decisions recorded").isEqualTo(REPLICAS);
        }
    }

    private static void desired(ObservedPlane p, int replicas) {
        var put = p.api().call("PUT", "/containers/" + p.encodedImage() + "/desired", p.admin,
                "{\"replicas\": " + replicas + ", \"min_replicas\": 0, \"max_replicas\": " + REPLICAS
                        + ", \"command\": [\"sleep\", \"600\"]}");
        assertThat(put.status()).as(put.json().toString()).isBetween(200, 201);
    }

    private static int listed(ObservedPlane p) {
        return p.api().call("GET", "/containers?image=" + p.encodedImage(), null, null).json().path("total").asInt();
    }

    /** Lets the reconciler resync twice (every 2 s with {@link ObservedPlane#FAST}). */
    private static void awaitResyncs(ObservedPlane p) throws InterruptedException {
        Thread.sleep(5_000);
        assertThat(p.plane.settle(Duration.ofSeconds(30))).isTrue();
    }
}
