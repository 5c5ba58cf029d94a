package io.capstan.server;

import io.capstan.core.spec.ContainerSpec;
import io.capstan.kernels.launch.KernelLabels;
import io.capstan.stack.run.StackLabels;
import io.capstan.tck.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard's other pages in a real browser against a real server and engine: the stacks page, one container's
 * page with its charts and live log, and the kernels section.
 */
class DashboardPagesIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PREFIX = "dash16b-" + UUID.randomUUID().toString().substring(0, 8);

    @TempDir
    Path dir;

    private ObservedPlane p;
    private WebDriver browser;
    private final List<String> created = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        p = new ObservedPlane(dir, "pages", false);
        browser = HeadlessChromium.start();
    }

    @AfterEach
    void stop() {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            try {
                created.forEach(id -> p.engine.containers().remove(id, true, true));
            } finally {
                p.close();
            }
        }
    }

    @Test
    void theStacksPageListsARunningStacksServices() {
        String project = PREFIX + "-shop";
        run(ContainerSpec.builder(TestImages.BUSYBOX).name(project + "-web-1").command("sleep", "300")
                .labels(StackLabels.forService(project, "web", 1)).build());
        run(ContainerSpec.builder(TestImages.BUSYBOX).name(project + "-web-2").command("sleep", "300")
                .labels(StackLabels.forService(project, "web", 2)).build());
        run(ContainerSpec.builder(TestImages.BUSYBOX).name(project + "-db-1").command("sleep", "300")
                .labels(StackLabels.forService(project, "db", 1)).build());
        signIn();
        browser.findElement(By.id("nav-stacks")).click();
        await().atMost(WAIT).untilAsserted(() -> {
            List<WebElement> services = browser.findElements(By.cssSelector("#stacks tbody tr")).stream()
                    .filter(r -> project.equals(r.getAttribute("data-stack"))).toList();
            assertThat(services).extracting(r -> r.getAttribute("data-service")).containsExactly("db", "web");
            assertThat(services).extracting(r -> r.findElements(By.tagName("td")).get(3).getText())
                    .containsExactly("1/1", "2/2");
            assertThat(services).allSatisfy(r -> assertThat(r.getText()).contains("running"));
        });
        assertThat(browser.findElement(By.id("overview")).isDisplayed()).isFalse();
        screenshot("stacks.png");
    }

    @Test
    void theStacksPageAndTheKernelsSectionFollowTheEventStream() {
        String project = PREFIX + "-live";
        run(ContainerSpec.builder(TestImages.BUSYBOX).name(project + "-web-1").command("sleep", "300")
                .labels(StackLabels.forService(project, "web", 1)).build());
        signIn();
        browser.findElement(By.id("nav-stacks")).click();
        await().atMost(WAIT).until(() -> webCell(project).equals("1/1"));

        // neither list is polled any more: only the stream's messages make the page read them again
        run(ContainerSpec.builder(TestImages.BUSYBOX).name(project + "-web-2").command("sleep", "300")
                .labels(StackLabels.forService(project, "web", 2)).build());
        await().atMost(WAIT).until(() -> webCell(project).equals("2/2"));
        p.engine.containers().kill(created.getLast(), "KILL");
        await().atMost(WAIT).until(() -> webCell(project).equals("1/2"));

        browser.findElement(By.id("nav-overview")).click();
        String kernelId = PREFIX + "-" + UUID.randomUUID();
        run(ContainerSpec.builder(TestImages.BUSYBOX).name(PREFIX + "-live-kernel").command("sleep", "300")
                .labels(KernelLabels.of(kernelId, "bob")).build());
        await().atMost(WAIT).until(() -> !browser.findElements(
                By.cssSelector("#kernels tbody tr[data-kernel-id='" + kernelId + "']")).isEmpty());
        p.engine.containers().remove(created.removeLast(), true, true);
        await().atMost(WAIT).until(() -> browser.findElements(
                By.cssSelector("#kernels tbody tr[data-kernel-id='" + kernelId + "']")).isEmpty());
        assertThat(js("return performance.getEntriesByType('navigation').length;")).isEqualTo(1L);
    }

    /** The web service's running/total cell, read in one go (the list is redrawn whenever it is read again). */
    private String webCell(String project) {
        return String.valueOf(js("const row = [...document.querySelectorAll('#stacks tbody tr')].find(r => "
                + "r.dataset.stack === '" + project + "' && r.dataset.service === 'web');"
                + " return row ? row.children[3].textContent : '';"));
    }

    @Test
    void aContainersPageShowsItsChartsAndItsLogLiveWithoutReloading() {
        var put = p.api().call("PUT", "/containers/" + p.encodedImage() + "/desired", p.admin,
                "{\"replicas\": 1, \"command\": [\"sh\", \"-c\", \"i=0; while true; do echo tick-$i; i=$((i+1)); "
                        + "sleep 1; done\"], \"resources\": {\"memory_limit\": \"32Mi\"}}");
        assertThat(put.status()).as(put.json().toString()).isEqualTo(201);
        await().atMost(WAIT).until(() -> p.runningOnEngine().size() == 1);
        String id = p.runningOnEngine().getFirst();
        // the health monitor samples every second here: a few samples make a line
        await().atMost(WAIT).until(() -> p.store.recentHealth(null, id, 5).size() >= 2);

        signIn();
        await().atMost(WAIT).until(() -> !browser.findElements(By.cssSelector("#containers tbody tr[data-id='" + id
                + "'] a")).isEmpty());
        browser.findElement(By.cssSelector("#containers tbody tr[data-id='" + id + "'] a")).click();
        js("window.__samePage = true;");

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(browser.findElement(By.id("container-page")).isDisplayed()).isTrue();
            for (String chart : List.of("cpu-chart", "memory-chart")) {
                WebElement svg = browser.findElement(By.id(chart));
                assertThat(svg.getAttribute("data-points")).as(chart + " drawn").isNotNull();
                assertThat(Integer.parseInt(svg.getAttribute("data-points"))).as(chart).isGreaterThanOrEqualTo(2);
                assertThat(svg.findElements(By.cssSelector("polyline"))).as(chart).hasSize(1);
            }
            assertThat(browser.findElement(By.id("log-state")).getText()).isEqualTo("live");
            assertThat(browser.findElement(By.id("log")).getText()).contains("tick-");
        });
        int seen = lastTick();
        await().atMost(WAIT).untilAsserted(() -> assertThat(lastTick()).as(() -> "new log lines arrive; the log is "
                + browser.findElement(By.id("log-state")).getText()).isGreaterThan(seen + 2));
        assertThat(js("return window.__samePage === true;")).as("the page was never reloaded").isEqualTo(true);
        screenshot("container.png");
    }

    @Test
    void theLiveLogIsAnUnbufferedEventStreamOfLines() throws Exception {
        var put = p.api().call("PUT", "/containers/" + p.encodedImage() + "/desired", p.admin,
                "{\"replicas\": 1, \"command\": [\"sh\", \"-c\", \"echo first; echo second; sleep 300\"]}");
        assertThat(put.status()).as(put.json().toString()).isEqualTo(201);
        await().atMost(WAIT).until(() -> p.runningOnEngine().size() == 1);
        String id = p.runningOnEngine().getFirst();
        var request = java.net.http.HttpRequest.newBuilder(p.server().url().resolve("/containers/" + id
                + "/logs/stream?tail=10")).header("Authorization", "Bearer " + p.admin).build();
        try (var client = java.net.http.HttpClient.newHttpClient()) {
            var response = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofLines());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t ->
                    assertThat(t).startsWith("text/event-stream"));
            assertThat(response.headers().firstValue("X-Accel-Buffering")).hasValue("no");
            try (var lines = response.body()) {
                assertThat(lines.filter(l -> l.startsWith("data: ")).limit(2)).containsExactly("data: first",
                        "data: second");
            }
        }
        var missing = p.api().call("GET", "/containers/dash16b-no-such/logs/stream", p.admin, null);
        assertThat(missing.status()).isEqualTo(404);
        var badTail = p.api().call("GET", "/containers/" + id + "/logs/stream?tail=lots", p.admin, null);
        assertThat(badTail.status()).isEqualTo(422);
        assertThat(badTail.json().path("message").asText()).contains("tail", "'lots'");
    }

    @Test
    void theKernelsSectionListsAKernelContainer() {
        String kernelId = PREFIX + "-" + UUID.randomUUID();
        run(ContainerSpec.builder(TestImages.BUSYBOX).name(PREFIX + "-kernel").command("sleep", "300")
                .labels(KernelLabels.of(kernelId, "alice")).build());
        signIn();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(browser.findElement(By.id("kernels-section")).isDisplayed()).isTrue();
            WebElement row = browser.findElement(By.cssSelector("#kernels tbody tr[data-kernel-id='" + kernelId + "']"));
            assertThat(row.getText()).contains("alice", TestImages.BUSYBOX, "running", PREFIX + "-kernel");
        });

        var kernels = p.api().call("GET", "/kernels", p.admin, null);
        assertThat(kernels.status()).isEqualTo(200);
        var kernel = java.util.stream.StreamSupport.stream(kernels.json().path("kernels").spliterator(), false)
                .filter(k -> kernelId.equals(k.path("kernel_id").asText())).findFirst().orElseThrow();
        assertThat(kernel.path("user").asText()).isEqualTo("alice");
        assertThat(kernel.path("image").asText()).isEqualTo(TestImages.BUSYBOX);
        assertThat(kernel.path("state").asText()).isEqualTo("running");
        assertThat(kernel.path("age_seconds").isNumber()).isTrue();
        assertThat(p.api().call("GET", "/openapi.json", p.admin, null).json().path("paths").path("/kernels").has("get"))
                .isTrue();
    }

    private void run(ContainerSpec spec) {
        String id = p.engine.containers().create(spec);
        created.add(id);
        p.engine.containers().start(id);
    }

    private void signIn() {
        browser.get(p.server().url() + "/");
        browser.findElement(By.id("token")).sendKeys(p.admin);
        browser.findElement(By.id("sign-in-button")).click();
        await().atMost(WAIT).until(() -> "live".equals(browser.findElement(By.id("live")).getText()));
    }

    private int lastTick() {
        String log = browser.findElement(By.id("log")).getText();
        int at = log.lastIndexOf("tick-");
        return at < 0 ? -1 : Integer.parseInt(log.substring(at + 5).strip().split("\\s+")[0]);
    }

    private void screenshot(String name) {
        try {
            Path shots = Path.of("target", "screenshots");
            java.nio.file.Files.createDirectories(shots);
            java.nio.file.Files.write(shots.resolve(name), ((org.openqa.selenium.TakesScreenshot) browser)
                    .getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }
}
