package io.capstan.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.label.Labels;
import io.capstan.core.model.ContainerSummary;
import io.capstan.docker.EngineLocator;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's benchmark (run by bench/dashboard.sh, never by the test suite: its name is not *IT): against a
 * {@code capstan server} in its own process, with N managed containers of the image the script tagged, measures the
 * page's ready time in Chromium, the event stream's fan-out to 50 clients while 20 containers a second change state,
 * and the /metrics scrape time. Writes key=value figures to {@code bench.out}.
 */
class DashboardBench {
    private static final int CLIENTS = 50;
    private static final int CHANGES_PER_SECOND = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI url = URI.create(System.getProperty("bench.url"));
    private final String token = System.getProperty("bench.token");
    private final String image = System.getProperty("bench.image");
    private final int count = Integer.getInteger("bench.containers", 500);
    private final int changes = Integer.getInteger("bench.changes", 300);
    private final int cold = Integer.getInteger("bench.cold", 100);
    private final Path out = Path.of(System.getProperty("bench.out"));
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, Object> figures = new LinkedHashMap<>();
    /** Per killed container: when the kill was asked (wall clock), and the engine's time of its change. */
    private final Map<String, java.time.Instant> killAsked = new ConcurrentHashMap<>();
    private final Map<String, java.time.Instant> engineChanged = new ConcurrentHashMap<>();

    @Test
    void measure() throws Exception {
        try (ContainerEngine engine = EngineLocator.fromEnvironment().locate(null)) {
            long t0 = System.nanoTime();
            createContainers();
            figures.put("containers", count);
            figures.put("create_seconds", (System.nanoTime() - t0) / 1_000_000_000L);
            WebDriver browser = HeadlessChromium.start();
            try {
                pageReady(browser);
                fanOut(engine, browser);
            } finally {
                browser.quit();
            }
            scrape();
        } finally {
            StringBuilder text = new StringBuilder();
            figures.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
            Files.writeString(out, text);
        }
    }

    private void createContainers() throws Exception {
        int batch = 20;
        for (int made = 0; made < count; made += batch) {
            int n = Math.min(batch, count - made);
            var answer = send("POST", "/start/container", "{\"image\": \"" + image + "\", \"count\": " + n
                    + ", \"command\": [\"sleep\", \"3600\"], \"resources\": {\"memory\": \"16m\"}}");
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            System.err.println("created " + (made + n) + " of " + count);
        }
        assertThat(JSON.readTree(send("GET", "/containers?image=" + enc(image), null).body()).path("total").asInt())
                .isEqualTo(count);
    }

    /**
     * Navigation to the moment every container's row is in the page, the stream is live and the browser has drawn the
     * frame after that: median of 5.
     */
    private void pageReady(WebDriver browser) {
        browser.get(url + "/");
        js(browser, "sessionStorage.setItem('capstan.token', arguments[0]);", token);
        List<Double> times = new ArrayList<>();
        for (int run = 0; run < 6; run++) {
            long start = System.nanoTime();
            browser.get(url + "/");
            long giveUp = start + TimeUnit.SECONDS.toNanos(60);
            while (!ready(browser)) {
                if (System.nanoTime() > giveUp) {
                    throw new AssertionError("the page was not ready in 60 s: " + js(browser, "return "
                            + "[document.getElementById('live').textContent, document.getElementById('who').textContent,"
                            + " document.querySelectorAll('#containers tbody tr').length,"
                            + " (document.querySelector('#containers tbody tr') || {dataset: {}}).dataset.image,"
                            + " (document.getElementById('sign-in-error') || {}).textContent, location.href,"
                            + " performance.getEntriesByType('resource').map(e => e.name + ' ' + e.responseStatus)"
                            + ".join(', ')].join(' | ');"));
                }
                sleep(5);
            }
            // and drawn: a callback posted from the next animation frame runs once that frame has been painted
            ((JavascriptExecutor) browser).executeAsyncScript(
                    "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => setTimeout(done, 0));");
            double ms = (System.nanoTime() - start) / 1e6;
            if (run > 0) {
                times.add(ms); // the first load warms the server's and browser's caches
            }
        }
        figures.put("page_ready_ms_runs", times.stream().map(t -> String.format("%.0f", t)).toList());
        figures.put("page_ready_ms_median", String.format("%.0f", percentile(times, 50)));
    }

    private boolean ready(WebDriver browser) {
        Object rows = js(browser, "return document.getElementById('live').textContent === 'live' ? "
                + "document.querySelectorAll('#containers tbody tr[data-image=\"' + arguments[0] + '\"]').length : -1;",
                image);
        return ((Number) rows).intValue() >= count;
    }

    /**
     * 50 clients follow the stream while containers are killed at 20 a second: first a cold phase of
     * {@code bench.cold} kills (the server's first messages of this kind, reported on their own), then the measured
     * phase of {@code bench.changes} other containers.
     */
    private void fanOut(ContainerEngine engine, WebDriver browser) throws Exception {
        List<String> all = engine.containers().list(ContainerFilter.allWithLabels(Map.of(Labels.MANAGED_BY, image)))
                .stream().map(ContainerSummary::id).toList();
        List<String> coldIds = all.subList(0, Math.min(cold, all.size()));
        List<String> ids = all.subList(coldIds.size(), Math.min(all.size(), coldIds.size() + changes));
        Map<String, Long> issued = new ConcurrentHashMap<>();
        List<Map<String, Long>> seen = new ArrayList<>();
        Map<String, List<Double>> sinceEngine = new ConcurrentHashMap<>();
        CountDownLatch connected = new CountDownLatch(CLIENTS);
        var clients = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().daemon().factory());
        List<EventStreamClient> streams = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int c = 0; c < CLIENTS; c++) {
            Map<String, Long> received = new ConcurrentHashMap<>();
            seen.add(received);
            clients.submit(() -> {
                var reader = new EventStreamClient(url, "/events/stream?kind=lifecycle&image=" + enc(image), token);
                streams.add(reader);
                connected.countDown();
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.startsWith("data: ")) {
                        long now = System.nanoTime();
                        java.time.Instant arrived = java.time.Instant.now();
                        JsonNode e = JSON.readTree(line.substring(6));
                        String id = e.path("container_id").asText();
                        if ("stop".equals(e.path("event").asText()) && received.putIfAbsent(id, now) == null) {
                            // the engine's own time of the change: what the server's pipeline adds to it
                            java.time.Instant at = java.time.Instant.parse(e.path("ts").asText());
                            engineChanged.putIfAbsent(id, at);
                            sinceEngine.computeIfAbsent(id, k -> java.util.Collections.synchronizedList(
                                    new ArrayList<>())).add(Duration.between(at, arrived).toNanos() / 1e6);
                        }
                    }
                }
                return null;
            });
        }
        assertThat(connected.await(60, TimeUnit.SECONDS)).as("50 clients connected").isTrue();
        sleep(1000);
        var killers = Executors.newVirtualThreadPerTaskExecutor();
        figures.put("clients", CLIENTS);
        if (!coldIds.isEmpty()) {
            kill(engine, killers, coldIds, issued, seen);
            deliveries("cold_", coldIds, issued, seen, sinceEngine);
            sleep(1000);
        }
        kill(engine, killers, ids, issued, seen);
        deliveries("", ids, issued, seen, sinceEngine);
        for (EventStreamClient stream : streams) {
            stream.close();
        }
        clients.shutdownNow();
        killers.shutdown();

        // The page followed the same changes row by row, and fetched the list once.
        int killed = coldIds.size() + ids.size();
        long stoppedDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Number stoppedRows = 0;
        while (System.nanoTime() < stoppedDeadline) {
            stoppedRows = (Number) js(browser, "return document.querySelectorAll('#containers tbody tr[data-image=\"'"
                    + " + arguments[0] + '\"]:not([data-state=running])').length;", image);
            if (stoppedRows.intValue() >= killed) {
                break;
            }
            sleep(100);
        }
        figures.put("page_rows_stopped", stoppedRows);
        figures.put("page_list_fetches", js(browser, "return performance.getEntriesByType('resource')"
                + ".filter(e => new URL(e.name).pathname === '/containers').length;"));
        figures.put("page_rows", browser.findElements(By.cssSelector("#containers tbody tr")).size());
    }

    /** Kills {@code ids} at 20 a second, then waits (at most 60 s) until every client has seen each stop. */
    private void kill(ContainerEngine engine, java.util.concurrent.ExecutorService killers, List<String> ids,
                      Map<String, Long> issued, List<Map<String, Long>> seen) {
        long start = System.nanoTime();
        long every = 1_000_000_000L / CHANGES_PER_SECOND;
        for (int i = 0; i < ids.size(); i++) {
            long due = start + i * every;
            while (System.nanoTime() < due) {
                sleep(1);
            }
            String id = ids.get(i);
            killers.submit(() -> {
                issued.put(id, System.nanoTime());
                killAsked.put(id, java.time.Instant.now());
                engine.containers().kill(id, "KILL");
                return null;
            });
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && seen.stream().anyMatch(s -> !s.keySet().containsAll(ids))) {
            sleep(100);
        }
    }

    /** One phase's figures, each key prefixed with {@code prefix}. */
    private void deliveries(String prefix, List<String> ids, Map<String, Long> issued, List<Map<String, Long>> seen,
                            Map<String, List<Double>> sinceEngine) {
        List<Double> latencies = new ArrayList<>();
        long missing = 0;
        for (Map<String, Long> client : seen) {
            for (String id : ids) {
                Long got = client.get(id);
                if (got == null) {
                    missing++;
                } else {
                    latencies.add((got - issued.get(id)) / 1e6);
                }
            }
        }
        List<Double> engineTimes = ids.stream().flatMap(id -> sinceEngine.getOrDefault(id, List.of()).stream()).toList();
        figures.put(prefix + "changes", ids.size());
        figures.put(prefix + "deliveries_expected", (long) ids.size() * CLIENTS);
        figures.put(prefix + "deliveries_missing", missing);
        figures.put(prefix + "delivery_ms_p50", String.format("%.0f", percentile(latencies, 50)));
        figures.put(prefix + "delivery_ms_p99", String.format("%.0f", percentile(latencies, 99)));
        figures.put(prefix + "delivery_ms_max", String.format("%.0f", percentile(latencies, 100)));
        figures.put(prefix + "engine_delivery_ms_p50", String.format("%.0f", percentile(engineTimes, 50)));
        figures.put(prefix + "engine_delivery_ms_p99", String.format("%.0f", percentile(engineTimes, 99)));
        // the engine's own part: from the kill request to the time it gives the change (the engine runs on this host,
        // so both are read from the same clock); a change no client heard of is counted as lost above
        List<Double> killTimes = ids.stream().filter(id -> engineChanged.containsKey(id) && killAsked.containsKey(id))
                .map(id -> Duration.between(killAsked.get(id), engineChanged.get(id)).toNanos() / 1e6).toList();
        figures.put(prefix + "engine_kill_ms_p50", String.format("%.0f", percentile(killTimes, 50)));
        figures.put(prefix + "engine_kill_ms_p99", String.format("%.0f", percentile(killTimes, 99)));
    }

    private void scrape() throws Exception {
        for (int i = 0; i < 20; i++) {
            send("GET", "/metrics", null);
        }
        List<Double> times = new ArrayList<>();
        int bytes = 0;
        for (int i = 0; i < 200; i++) {
            long start = System.nanoTime();
            var answer = send("GET", "/metrics", null);
            times.add((System.nanoTime() - start) / 1e6);
            assertThat(answer.statusCode()).isEqualTo(200);
            bytes = answer.body().length();
        }
        figures.put("metrics_bytes", bytes);
        figures.put("metrics_ms_p50", String.format("%.1f", percentile(times, 50)));
        figures.put("metrics_ms_p99", String.format("%.1f", percentile(times, 99)));
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        var request = HttpRequest.newBuilder(url.resolve(path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(Duration.ofMinutes(5))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static double percentile(List<Double> values, int p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.clamp(index, 0, sorted.size() - 1));
    }

    private static Object js(WebDriver browser, String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
