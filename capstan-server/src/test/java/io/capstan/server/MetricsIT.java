package io.capstan.server;

import io.capstan.server.PrometheusTextParser.Family;
import io.capstan.server.PrometheusTextParser.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code GET /metrics} against the real engine, read with a strict parser of Prometheus' text format. */
class MetricsIT {
    private static final long LIMIT = 64L * 1024 * 1024;
    private static final double MIB = 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void replicaGaugesAndContainerFiguresMatchTheEngine() throws Exception {
        try (ObservedPlane p = new ObservedPlane(dir, "metrics", false)) {
            String readOnly = p.tokens.createReadOnly();
            var put = p.api().call("PUT", "/containers/" + p.encodedImage() + "/desired", p.admin,
                    "{\"min_replicas\": 1, \"max_replicas\": 5, \"replicas\": 2, \"command\": [\"sh\", \"-c\", "
                            + "\"dd if=/dev/zero of=/dev/shm/fill bs=1M count=16 && exec sleep 600\"], "
                            + "\"resources\": {\"memory_limit\": \"64Mi\"}}");
            assertThat(put.status()).as(put.json().toString()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(30)).until(() -> p.runningOnEngine().size() == 2);

            // A health cycle has sampled both running replicas: their figures are in the scrape.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Map<String, Family> m = scrape(p, readOnly);
                assertThat(samples(m, "capstan_container_memory_working_set_bytes", p.image))
                        .hasSize(2).allSatisfy(s -> assertThat(s.value()).isPositive()
                                .as("16 MiB in /dev/shm").isBetween(16.0 * MIB, 18.0 * MIB));
                assertThat(samples(m, "capstan_container_cpu_usage_seconds_total", p.image)).hasSize(2)
                        .allSatisfy(s -> assertThat(s.value()).isFinite().isNotNegative());
            });
            // read again later: the figures stay (they read NaN once Java's garbage collector had run)
            System.gc();
            assertThat(samples(scrape(p, readOnly), "capstan_container_memory_working_set_bytes", p.image))
                    .allSatisfy(s -> assertThat(s.value()).isBetween(16.0 * MIB, 18.0 * MIB));
            Map<String, Family> m = scrape(p, readOnly);
            assertThat(m.get("capstan_desired_replicas").type()).isEqualTo("gauge");
            assertThat(value(m, "capstan_desired_replicas", p.image)).isEqualTo(2);
            assertThat(value(m, "capstan_running_replicas", p.image)).isEqualTo(p.runningOnEngine().size());
            assertThat(value(m, "capstan_ready_replicas", p.image)).isEqualTo(2);
            assertThat(m.get("capstan_container_cpu_usage_seconds_total").type()).isEqualTo("counter");
            for (Sample limit : samples(m, "capstan_container_spec_memory_limit_bytes", p.image)) {
                String id = p.runningOnEngine().stream().filter(e -> e.startsWith(limit.labels().get("id")))
                        .findFirst().orElseThrow();
                assertThat(limit.value()).isEqualTo(LIMIT)
                        .isEqualTo(p.engine.containers().inspect(id).resources().memoryBytes());
            }
            assertThat(m.get("capstan_reconcile_duration_seconds").type()).isEqualTo("histogram");
            assertThat(m.get("capstan_reconcile_duration_seconds").samples())
                    .anySatisfy(s -> assertThat(s.name()).isEqualTo("capstan_reconcile_duration_seconds_bucket"));
            assertThat(m).containsKeys("capstan_health_cycle_duration_seconds", "capstan_event_queue_depth");

            // Requests are counted by route template: the image never becomes a label value.
            List<Sample> requests = m.get("capstan_api_requests_seconds").samples().stream()
                    .filter(s -> s.name().equals("capstan_api_requests_seconds_count")).toList();
            assertThat(requests).anySatisfy(s -> assertThat(s.labels()).containsEntry("route",
                    "/containers/{image}/desired").containsEntry("method", "PUT").containsEntry("status", "201"));
            assertThat(requests).allSatisfy(s -> assertThat(s.labels().get("route")).doesNotContain("dash16"));

            // A replica killed outside Capstan is restarted, and counted.
            p.engine.containers().kill(p.runningOnEngine().getFirst(), "KILL");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(value(scrape(p, readOnly), "capstan_restarts_total", p.image)).isGreaterThanOrEqualTo(1));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(p.runningOnEngine()).hasSize(2);
                assertThat(value(scrape(p, readOnly), "capstan_running_replicas", p.image)).isEqualTo(2);
            });
        }
    }

    @Test
    void metricsNeedATokenUnlessPublic() throws Exception {
        try (ObservedPlane p = new ObservedPlane(dir, "metricsauth", false)) {
            assertThat(get(p, null).statusCode()).isEqualTo(401);
            assertThat(get(p, "not-a-token").statusCode()).isEqualTo(401);
            String readOnly = p.tokens.createReadOnly();
            assertThat(p.api().call("GET", "/no/such/dash16-path", null, null).status()).isEqualTo(404);
            HttpResponse<String> scrape = get(p, readOnly);
            assertThat(scrape.statusCode()).isEqualTo(200);
            List<Map<String, String>> requests = PrometheusTextParser.parse(scrape.body())
                    .get("capstan_api_requests_seconds").samples().stream()
                    .filter(s -> s.name().equals("capstan_api_requests_seconds_count")).map(Sample::labels).toList();
            assertThat(requests).contains(Map.of("method", "GET", "route", "/metrics", "status", "401"),
                    Map.of("method", "GET", "route", "unmatched", "status", "404"));
            assertThat(p.api().call("GET", "/openapi.json", null, null).json().path("paths").has("/metrics")).isTrue();
        }
        try (ObservedPlane p = new ObservedPlane(dir.resolve("public"), "metricspublic", true)) {
            HttpResponse<String> open = get(p, null);
            assertThat(open.statusCode()).isEqualTo(200);
            assertThat(open.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
            assertThat(PrometheusTextParser.parse(open.body())).containsKey("capstan_event_queue_depth");
        }
    }

    @Test
    void publicMetricsStayPublicWhenReadsNeedAToken() throws Exception {
        try (ObservedPlane p = new ObservedPlane(dir, "metricsreads", false)) {
            ApiServer guarded = ApiServer.start(p.plane, p.tokens,
                    new ServerOptions("127.0.0.1", 0, p.dir, true).withMetricsPublic(true), "test");
            try (HttpClient http = HttpClient.newHttpClient()) {
                HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create(guarded.url() + "/metrics"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(metrics.statusCode()).as(metrics.body()).isEqualTo(200);
                assertThat(PrometheusTextParser.parse(metrics.body())).containsKey("capstan_event_queue_depth");
                HttpResponse<String> containers = http.send(HttpRequest.newBuilder(URI.create(guarded.url()
                        + "/containers")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(containers.statusCode()).isEqualTo(401);
            } finally {
                guarded.close();
            }
        }
    }

    private static HttpResponse<String> get(ObservedPlane p, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(p.server().url() + "/metrics"));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static Map<String, Family> scrape(ObservedPlane p, String token) throws Exception {
        HttpResponse<String> response = get(p, token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return PrometheusTextParser.parse(response.body());
    }

    /** The samples of a family (or of one series name within it) for one image. */
    private static List<Sample> samples(Map<String, Family> m, String name, String image) {
        return m.values().stream().flatMap(f -> f.samples().stream())
                .filter(s -> s.name().equals(name) && image.equals(s.labels().get("image"))).toList();
    }

    private static double value(Map<String, Family> m, String name, String image) {
        List<Sample> found = samples(m, name, image);
        assertThat(found).as("%s{image=%s}", name, image).hasSize(1);
        return found.getFirst().value();
    }
}
