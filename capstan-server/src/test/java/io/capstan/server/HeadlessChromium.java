package io.capstan.server;

import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Debian's chromium, headless, driven by its chromium-driver: fails (never skips) when either is missing. */
final class HeadlessChromium {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {
    }

    static WebDriver start() {
        assertThat(CHROMIUM).as("Debian's chromium (scripts/install-deps.sh installs it)").isExecutable();
        assertThat(DRIVER).as("Debian's chromium-driver (scripts/install-deps.sh installs it)").isExecutable();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-gpu", "--window-size=1400,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        WebDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().implicitlyWait(Duration.ZERO);
        return browser;
    }
}
