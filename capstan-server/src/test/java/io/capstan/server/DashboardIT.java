package io.capstan.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard in a real browser (Debian's chromium and chromium-driver, headless) against a real server and engine:
 * what a person signing in sees and does. Fails when chromium is missing. Leaves a screenshot in target/screenshots
 * (copy it to docs/images to refresh the one the docs show).
 */
class DashboardIT {
    private static final long MiB = 1024 * 1024;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private ObservedPlane p;
    private WebDriver browser;

    @BeforeEach
    void start() throws Exception {
        p = new ObservedPlane(dir, "dashboard", false);
        var put = p.api().call("PUT", "/containers/" + p.encodedImage() + "/desired", p.admin,
                "{\"min_replicas\": 1, \"max_replicas\": 4, \"replicas\": 1, \"command\": [\"httpd\", \"-f\", \"-p\", \"80\"], "
                        + "\"ports\": {\"80/tcp\": null}, "
                        + "\"resources\": {\"memory_limit\": \"64Mi\"}}");
        assertThat(put.status()).as(put.json().toString()).isEqualTo(201);
        await().atMost(WAIT).until(() -> p.runningOnEngine().size() == 1);
        browser = HeadlessChromium.start();
    }

    @AfterEach
    void stop() {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            p.close();
        }
    }

    @Test
    void aBadTokenIsRefused() {
        signIn("not-a-token");
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(browser.findElement(By.id("sign-in-error")).getText()).contains("unknown token"));
        assertThat(browser.findElement(By.id("board")).isDisplayed()).isFalse();
    }

    @Test
    void aReadOnlyTokenSeesTheContainersAndNoActionButtons() {
        signIn(p.tokens.createReadOnly());
        await().atMost(WAIT).untilAsserted(() -> assertThat(rows()).hasSize(1));
        assertThat(browser.findElement(By.id("who")).getText()).contains("read-only");
        assertThat(browser.findElements(By.cssSelector("#board button"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#board input"))).isEmpty();
    }

    @Test
    void anAdminScalesKillsAndChangesMemoryWithoutReloading() throws Exception {
        signIn(p.admin);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(rows()).hasSize(1);
            assertThat(rows().getFirst().getAttribute("data-state")).isEqualTo("running");
            assertThat(rows().getFirst().getAttribute("data-health")).isEqualTo("ok");
            assertThat(browser.findElement(By.id("live")).getText()).isEqualTo("live");
        });
        js("window.__samePage = true;"
                + "window.__health = [];"
                // Records are delivered in batches: a row set to bad and back to ok within one batch shows its
                // bad state only as the later record's old value, so both values of every change are kept.
                + "new MutationObserver(ms => ms.forEach(m => window.__health.push(m.target.dataset.id + ' '"
                + " + m.oldValue, m.target.dataset.id + ' ' + m.target.dataset.health)))"
                + ".observe(document.querySelector('#containers tbody'),"
                + " {subtree: true, attributes: true, attributeOldValue: true, attributeFilter: ['data-health']});");

        // Scale from the page: the new container appears without a reload.
        WebElement image = imageRow();
        setValue(image.findElement(By.cssSelector("input.replicas")), "2");
        image.findElement(By.cssSelector("button[data-action=scale]")).click();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(rows()).hasSize(2).allSatisfy(r -> assertThat(r.getAttribute("data-health")).isEqualTo("ok"));
            assertThat(imageRow().getAttribute("data-running")).isEqualTo("2");
        });
        assertThat(p.runningOnEngine()).hasSize(2);
        screenshot("dashboard.png");

        // Refused: the server's own error line is shown.
        setValue(imageRow().findElement(By.cssSelector("input.replicas")), "9");
        imageRow().findElement(By.cssSelector("button[data-action=scale]")).click();
        await().atMost(WAIT).untilAsserted(() -> {
            WebElement message = browser.findElement(By.id("message"));
            assertThat(message.getAttribute("class")).isEqualTo("error");
            assertThat(message.getText()).contains("refused",
                    "replicas (9) must be between min_replicas (1) and max_replicas (4)");
        });

        // Killed outside Capstan: the row turns red, then runs again.
        String victim = p.runningOnEngine().getFirst();
        p.engine.containers().kill(victim, "KILL");
        await().atMost(WAIT).untilAsserted(() -> assertThat(healthChanges()).contains(victim + " bad"));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(rows()).hasSize(2).allSatisfy(r -> assertThat(r.getAttribute("data-health")).isEqualTo("ok"));
            assertThat(p.runningOnEngine()).hasSize(2);
            assertThat(rows()).filteredOn(r -> victim.equals(r.getAttribute("data-id")))
                    .singleElement().satisfies(r -> assertThat(r.findElements(By.tagName("td")).get(9).getText())
                            .as("restarts").isEqualTo("1"));
        });

        // A new memory limit from the page reaches the engine.
        WebElement memory = imageRow().findElement(By.cssSelector("input.memory"));
        setValue(memory, "96Mi");
        imageRow().findElement(By.cssSelector("button[data-action=memory]")).click();
        await().atMost(WAIT).untilAsserted(() -> assertThat(p.runningOnEngine()).hasSize(2).allSatisfy(id ->
                assertThat(p.engine.containers().inspect(id).resources().memoryBytes()).isEqualTo(96 * MiB)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(rows()).allSatisfy(r ->
                assertThat(r.getText()).contains("96 MiB")));
        assertThat(js("return window.__samePage === true;")).as("the page was never reloaded").isEqualTo(true);
    }

    private void signIn(String token) {
        browser.get(p.server().url() + "/");
        setValue(browser.findElement(By.id("token")), token);
        browser.findElement(By.id("sign-in-button")).click();
    }

    private List<WebElement> rows() {
        return browser.findElements(By.cssSelector("#containers tbody tr")).stream()
                .filter(r -> p.image.equals(r.getAttribute("data-image"))).toList();
    }

    private WebElement imageRow() {
        return browser.findElements(By.cssSelector("#images tbody tr")).stream()
                .filter(r -> p.image.equals(r.getAttribute("data-image"))).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private List<String> healthChanges() {
        return ((List<Object>) js("return window.__health;")).stream().map(String::valueOf).toList();
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private static void setValue(WebElement input, String value) {
        input.clear();
        input.sendKeys(value);
    }

    private void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path images = Path.of("target", "screenshots");
        Files.createDirectories(images);
        Files.copy(shot.toPath(), images.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
