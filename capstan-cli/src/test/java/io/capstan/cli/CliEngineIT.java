package io.capstan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.cli.output.Json;
import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.spec.ContainerSpec;
import io.capstan.docker.EngineLocator;
import io.capstan.tck.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The command line against the real engine, as a user types it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliEngineIT {
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final CliRunner cli = CliRunner.withEnvironmentEngine();
    private final List<String> containers = new ArrayList<>();
    private final List<String> images = new ArrayList<>();
    private ContainerEngine engine;

    @BeforeAll
    void connect() {
        engine = EngineLocator.fromEnvironment().locate(null);
    }

    @AfterAll
    void cleanUp() {
        containers.forEach(c -> quietly(() -> engine.containers().remove(c, true, true)));
        images.forEach(i -> quietly(() -> engine.images().remove(i, true)));
        engine.close();
    }

    private String name(String role) {
        String name = "capstan-cli-" + run + "-" + role;
        containers.add(name);
        return name;
    }

    @Test
    void runPublishesAPortThatAnswersAndRmRemovesIt() throws Exception {
        String web = name("web");
        int port = freePort();
        var started = cli.run("containers", "run", "--name", web, "-p", port + ":80", TestImages.BUSYBOX,
                "httpd", "-f", "-p", "80", "-h", "/");
        assertThat(started.exitCode()).as(started.err()).isZero();
        assertThat(started.out()).startsWith(web + " ").contains("running", "0.0.0.0:" + port + "->80/tcp");

        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> assertThat(
                http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                        HttpResponse.BodyHandlers.ofString()).body()).contains("capstan busybox test image"));

        var table = cli.run("containers", "ls");
        assertThat(table.out().lines().findFirst().orElseThrow()).startsWith("CONTAINER ID   NAME");
        assertThat(table.out()).contains(web, "0.0.0.0:" + port + "->80/tcp");

        JsonNode listed = Json.mapper().readTree(cli.run("containers", "ls", "--format", "json").out());
        assertThat(listed.findValuesAsText("name")).contains(web);

        var removed = cli.run("containers", "rm", "-f", web);
        assertThat(removed.exitCode()).isZero();
        assertThat(removed.out().strip()).isEqualTo(web);
        assertThat(cli.run("containers", "ls", "-a").out()).doesNotContain(web);
    }

    @Test
    void aContainerThatCannotStartIsNotLeftBehind() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            String web = name("clash");
            var result = cli.run("containers", "run", "--name", web, "-p", taken.getLocalPort() + ":80",
                    TestImages.BUSYBOX, "httpd", "-f", "-p", "80");
            assertThat(result.exitCode()).isEqualTo(Main.FAILED);
            assertThat(result.errLines()).singleElement().asString()
                    .isEqualTo("capstan: container '" + web + "': host port " + taken.getLocalPort()
                            + " is already in use: publish on another port or stop what uses it");
            assertThat(cli.run("containers", "ls", "-a").out()).doesNotContain(web);
        }
    }

    @Test
    void attachStreamsOutputAndReturnsTheExitCode() {
        String job = name("job");
        var result = cli.run("containers", "run", "--attach", "--rm", "--name", job, "-e", "WHO=capstan",
                TestImages.BUSYBOX, "sh", "-c", "echo hello $WHO; echo oops >&2; exit 7");
        assertThat(result.exitCode()).isEqualTo(7);
        assertThat(result.out()).isEqualTo("hello capstan\n");
        assertThat(result.err()).isEqualTo("oops\n");
        assertThat(cli.run("containers", "ls", "-a").out()).as("--rm removed it").doesNotContain(job);
    }

    @Test
    void containersCapstanDidNotCreateAreLeftAlone() {
        String foreign = "capstan-cli-" + run + "-foreign";
        containers.add(foreign);
        engine.containers().create(ContainerSpec.builder(TestImages.BUSYBOX).name(foreign).command("sleep", "300").build());
        engine.containers().start(foreign);

        for (String verb : List.of("stop", "rm", "kill", "restart")) {
            var result = cli.run("containers", verb, foreign);
            assertThat(result.exitCode()).as(verb).isEqualTo(Main.FAILED);
            assertThat(result.err()).as(verb).contains("'" + foreign + "' was not created by Capstan");
        }
        assertThat(engine.containers().inspect(foreign).isRunning()).isTrue();
        assertThat(cli.run("containers", "ls").out()).doesNotContain(foreign);
        assertThat(cli.run("containers", "ls", "--foreign").out()).contains(foreign);
        assertThat(cli.run("containers", "inspect", foreign).exitCode()).as("reading is allowed").isZero();
    }

    @Test
    void removingSeveralReportsEachAndFailsIfAnyFailed() {
        String a = name("multi-a");
        cli.run("containers", "create", "--name", a, TestImages.BUSYBOX, "true");
        var result = cli.run("containers", "rm", a, "capstan-cli-" + run + "-missing");
        assertThat(result.exitCode()).isEqualTo(Main.FAILED);
        assertThat(result.out().strip()).isEqualTo(a);
        assertThat(result.err()).contains("'capstan-cli-" + run + "-missing' not found");
    }

    @Test
    void updateStatsAndLogs() throws Exception {
        String box = name("box");
        assertThat(cli.run("containers", "run", "--name", box, "--cpus", "0.5", "-m", "64Mi", TestImages.BUSYBOX,
                "sh", "-c", "echo ready; sleep 300").exitCode()).isZero();
        assertThat(cli.run("containers", "update", "--cpus", "1", "-m", "128m", box).exitCode()).isZero();
        JsonNode inspected = Json.mapper().readTree(cli.run("containers", "inspect", box).out()).get(0);
        assertThat(inspected.at("/resources/nanoCpus").asLong()).isEqualTo(1_000_000_000L);
        assertThat(inspected.at("/resources/memoryBytes").asLong()).isEqualTo(128L << 20);
        assertThat(inspected.get("status").asText()).isEqualTo("running");

        var stats = cli.run("containers", "stats", box);
        assertThat(stats.exitCode()).isZero();
        assertThat(stats.out()).contains("CPU %", box, "/ 128MiB");

        await().atMost(Duration.ofSeconds(10)).until(() -> cli.run("containers", "logs", box).out().equals("ready\n"));
    }

    @Test
    void imagesImportTagBuildAndRemove(@TempDir Path dir) throws Exception {
        String base = "capstan-cli-" + run + "-img:v1";
        images.add(base);
        Files.writeString(dir.resolve("Dockerfile"), "FROM " + TestImages.BUSYBOX + "\nCMD [\"echo\", \"from-build\"]\n");
        var built = cli.run("images", "build", "-t", base, dir.toString());
        assertThat(built.exitCode()).as(built.err()).isZero();
        assertThat(built.out().strip()).startsWith("sha256:");

        String alias = "capstan-cli-" + run + "-alias:latest";
        images.add(alias);
        assertThat(cli.run("images", "tag", base, alias).exitCode()).isZero();
        String listing = cli.run("images", "ls").out();
        assertThat(listing).contains("capstan-cli-" + run + "-img", "capstan-cli-" + run + "-alias");

        var attached = cli.run("containers", "run", "--attach", "--rm", alias);
        assertThat(attached.out()).isEqualTo("from-build\n");

        assertThat(cli.run("images", "rm", alias, base).exitCode()).isZero();
        assertThat(cli.run("images", "ls").out()).doesNotContain("capstan-cli-" + run);

        var missing = cli.run("images", "build", "-t", "x:y", dir.resolve("nope").toString());
        assertThat(missing.errLines()).singleElement().asString().contains("is not a directory");
    }

    @Test
    void networksAndVolumes() {
        String net = "capstan-cli-" + run + "-net";
        String vol = "capstan-cli-" + run + "-vol";
        assertThat(cli.run("networks", "create", net).exitCode()).isZero();
        assertThat(cli.run("networks", "ls").out()).contains(net);
        assertThat(cli.run("networks", "ls").out()).as("only Capstan's by default").doesNotContain(" host ");
        assertThat(cli.run("networks", "ls", "--foreign").out()).contains("host");
        assertThat(cli.run("networks", "rm", net).exitCode()).isZero();
        assertThat(cli.run("networks", "rm", "bridge").err()).contains("'bridge' was not created by Capstan");

        assertThat(cli.run("volumes", "create", vol).out().strip()).isEqualTo(vol);
        assertThat(cli.run("volumes", "ls", "--format", "json").out()).contains("\"name\" : \"" + vol + "\"");
        assertThat(cli.run("volumes", "rm", vol).exitCode()).isZero();
        assertThat(cli.run("volumes", "ls").out()).doesNotContain(vol);
    }

    @Test
    void engineInfoNamesTheEngine() {
        var info = cli.run("engine", "info", "--format", "json");
        assertThat(info.exitCode()).isZero();
        assertThat(info.out()).contains("\"product\" : \"Docker Engine\"", "\"endpoint\" : \"unix://");
        var start = cli.run("engine", "start");
        assertThat(start.out()).startsWith("Engine already running at unix://");
    }

    @Test
    void aDockerHostThatAnswersIsTheEngineUsed() throws Exception {
        var named = CliRunner.withEngineEnvironment(java.util.Map.of("DOCKER_HOST", "unix:///var/run/docker.sock"));
        var info = named.run("engine", "info", "--format", "json");
        assertThat(info.exitCode()).as(info.err()).isZero();
        assertThat(Json.mapper().readTree(info.out()).get("endpoint").asText()).isEqualTo("unix:///var/run/docker.sock");
        assertThat(named.run("engine", "start").out().strip())
                .isEqualTo("Engine already running at unix:///var/run/docker.sock");
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void quietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException ignored) {
            // already gone
        }
    }
}
