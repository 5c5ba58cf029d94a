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
        assertThat(inspected.at("/resources/nano_cpus").asLong()).isEqualTo(1_000_000_000L);
        assertThat(inspected.at("/resources/memory_bytes").asLong()).isEqualTo(128L << 20);
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
        String foreignNet = "capstan-cli-" + run + "-foreignnet";
        engine.networks().create(io.capstan.core.spec.NetworkSpec.bridge(foreignNet, java.util.Map.of()));
        try {
            List<String> rows = cli.run("networks", "ls").out().lines().toList();
            assertThat(rows).anySatisfy(r -> assertThat(r).contains(net).endsWith("capstan"));
            assertThat(rows).as("the engine's own, marked").anySatisfy(r -> assertThat(r).contains(" host ").endsWith("engine (built in)"));
            assertThat(rows).anySatisfy(r -> assertThat(r).contains(" bridge ").endsWith("engine (built in)"));
            assertThat(rows).as("another tool's network only with --foreign").noneSatisfy(r -> assertThat(r).contains(foreignNet));
            assertThat(cli.run("networks", "ls", "--foreign").out().lines())
                    .anySatisfy(r -> assertThat(r).contains(foreignNet).endsWith("not capstan"));
        } finally {
            engine.networks().remove(foreignNet);
        }
        assertThat(cli.run("networks", "rm", net).exitCode()).isZero();
        assertThat(cli.run("networks", "rm", "bridge").err()).contains("'bridge' was not created by Capstan");

        assertThat(cli.run("volumes", "create", vol).out().strip()).isEqualTo(vol);
        assertThat(cli.run("volumes", "ls", "--format", "json").out()).contains("\"name\" : \"" + vol + "\"");
        assertThat(cli.run("volumes", "rm", vol).exitCode()).isZero();
        assertThat(cli.run("volumes", "ls").out()).doesNotContain(vol);
    }

    @Test
    void aNamedVolumeThatRunCreatesIsCapstansAndGoesWithAContainerThatCannotStart() throws Exception {
        String web = name("volweb");
        String vol = "capstan-cli-" + run + "-runvol";
        var started = cli.run("containers", "run", "--name", web, "-v", vol + ":/data", TestImages.BUSYBOX, "sleep", "300");
        assertThat(started.exitCode()).as(started.err()).isZero();
        assertThat(engine.volumes().inspect(vol).labels()).containsEntry("io.capstan.owner", "true");
        assertThat(cli.run("containers", "rm", "-f", web).exitCode()).isZero();
        var removed = cli.run("volumes", "rm", vol);
        assertThat(removed.exitCode()).as(removed.err()).isZero();

        String clash = name("volclash");
        String second = "capstan-cli-" + run + "-clashvol";
        try (ServerSocket taken = new ServerSocket(0)) {
            var refused = cli.run("containers", "run", "--name", clash, "-p", taken.getLocalPort() + ":80",
                    "-v", second + ":/data", TestImages.BUSYBOX, "httpd", "-f", "-p", "80");
            assertThat(refused.exitCode()).isNotZero();
            assertThat(refused.err()).contains("already in use");
        }
        assertThat(cli.run("volumes", "ls").out()).as("the volume made for it goes too").doesNotContain(second);
    }

    @Test
    void execRunsInsideAndPassesOnTheExitCodeAndInput() {
        String box = name("exec");
        assertThat(cli.run("containers", "run", "--name", box, TestImages.BUSYBOX, "sleep", "300").exitCode()).isZero();
        var ran = cli.run("containers", "exec", "-e", "MODE=debug", "-u", "65534", "-w", "/tmp", box,
                "sh", "-c", "echo $MODE $(id -u) $(pwd); echo warn >&2; exit 4");
        assertThat(ran.exitCode()).isEqualTo(4);
        assertThat(ran.out()).isEqualTo("debug 65534 /tmp\n");
        assertThat(ran.err()).isEqualTo("warn\n");
        var piped = cli.runWithInput("a\nb\n", "containers", "exec", "-i", box, "wc", "-l");
        assertThat(piped.exitCode()).as(piped.err()).isZero();
        assertThat(piped.out().strip()).as("the input to its end").isEqualTo("2");
        assertThat(cli.run("containers", "exec", box, "ls", "-d", "/etc").out()).as("options after the container are the command's")
                .isEqualTo("/etc\n");

        var noTerminal = cli.run("containers", "exec", "-t", box, "true");
        assertThat(noTerminal.exitCode()).isNotZero();
        assertThat(noTerminal.errLines()).singleElement().asString().contains("the input device is not a TTY");
        var missing = cli.run("containers", "exec", box, "no-such-program");
        assertThat(missing.errLines()).singleElement().asString().contains("cannot run 'no-such-program'");
    }

    @Test
    void execRefusesAContainerCapstanDidNotCreate() {
        String foreign = "capstan-cli-" + run + "-execforeign";
        containers.add(foreign);
        engine.containers().create(ContainerSpec.builder(TestImages.BUSYBOX).name(foreign).command("sleep", "300").build());
        engine.containers().start(foreign);
        assertThat(io.capstan.core.label.Labels.isOwned(engine.containers().inspect(foreign).labels())).isFalse();
        var refused = cli.run("containers", "exec", foreign, "touch", "/tmp/was-here");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.errLines()).singleElement().asString().contains("was not created by Capstan");
        assertThat(engine.containers().exec(foreign, io.capstan.core.engine.ExecOptions.of("ls", "/tmp/was-here"), null,
                java.io.OutputStream.nullOutputStream(), java.io.OutputStream.nullOutputStream())).as("nothing ran").isNotZero();
    }

    @Test
    void lsFiltersAsDockerPsDoes() {
        String up = name("lsup");
        String done = name("lsdone");
        assertThat(cli.run("containers", "run", "--name", up, TestImages.BUSYBOX, "sleep", "300").exitCode()).isZero();
        assertThat(cli.run("containers", "create", "--name", done, "-l", "tier=batch", TestImages.BUSYBOX, "true").exitCode()).isZero();
        String upId = engine.containers().inspect(up).id().substring(0, 12);
        assertThat(cli.run("containers", "ls", "-q", "--filter", "name=" + run + "-lsup").out().lines()).containsExactly(upId);
        assertThat(cli.run("containers", "ls", "--filter", "status=created").out()).as("a stopped status lists stopped ones")
                .contains(done).doesNotContain(up);
        assertThat(cli.run("containers", "ls", "-a", "--filter", "label=tier=batch").out()).contains(done).doesNotContain(up);
        assertThat(cli.run("containers", "ls", "-a", "-q", "--filter", "id=" + upId).out().strip()).isEqualTo(upId);
        var bad = cli.run("containers", "ls", "--filter", "colour=red");
        assertThat(bad.errLines()).containsExactly("capstan: unknown --filter key 'colour': use label, name, status or id");
        var badStatus = cli.run("containers", "ls", "--filter", "status=sleeping");
        assertThat(badStatus.errLines()).singleElement().asString().contains("'status=sleeping'", "running");
    }

    @Test
    void logsSinceAndUntilTakeDockersTimes() throws Exception {
        String talker = name("since");
        assertThat(cli.run("containers", "run", "--name", talker, TestImages.BUSYBOX, "sh", "-c",
                "echo early; sleep 3; echo late; sleep 300").exitCode()).isZero();
        await().atMost(Duration.ofSeconds(20)).until(() -> cli.run("containers", "logs", talker).out().contains("late"));
        var lines = cli.run("containers", "logs", "-t", talker).out().lines().toList();
        java.time.Instant lateAt = java.time.Instant.parse(lines.get(1).substring(0, lines.get(1).indexOf(' ')));
        String cut = String.valueOf(lateAt.getEpochSecond());
        assertThat(cli.run("containers", "logs", "--since", cut, talker).out().lines()).containsExactly("late");
        assertThat(cli.run("containers", "logs", "--until", cut, talker).out().lines()).containsExactly("early");
        assertThat(cli.run("containers", "logs", "--since", "1h", talker).out().lines()).containsExactly("early", "late");
        var bad = cli.run("containers", "logs", "--since", "yesterday", talker);
        assertThat(bad.errLines()).singleElement().asString().contains("invalid --since 'yesterday'", "10m");
    }

    @Test
    void runRmInTheBackgroundIsRemovedWhenItExitsAndEnvFilesAreRead(@TempDir Path dir) throws Exception {
        Path env = Files.writeString(dir.resolve("app.env"), "# settings\nMODE=batch\nQUOTED=\"kept as is\"\n\nFROM_SHELL\n");
        String once = name("rmbg");
        var started = cli.run("containers", "run", "--rm", "--name", once, "--env-file", env.toString(), "-e", "MODE=override",
                TestImages.BUSYBOX, "sh", "-c", "sleep 2");
        assertThat(started.exitCode()).as(started.err()).isZero();
        assertThat(engine.containers().inspect(once).environment()).containsEntry("MODE", "override")
                .containsEntry("QUOTED", "\"kept as is\"");
        await().atMost(Duration.ofSeconds(30)).until(() -> cli.run("containers", "ls", "-a", "-q", "--filter", "name=" + once).out().isBlank());

        var clash = cli.run("containers", "run", "--rm", "--restart", "always", TestImages.BUSYBOX, "true");
        assertThat(clash.errLines()).singleElement().asString().contains("cannot have a restart policy ('always')");
        var missing = cli.run("containers", "run", "--env-file", dir.resolve("nope.env").toString(), TestImages.BUSYBOX, "true");
        assertThat(missing.errLines()).singleElement().asString().contains("env file", "nope.env", "not found");
        Path broken = Files.writeString(dir.resolve("broken.env"), "OK=1\n=secret\n");
        var badLine = cli.run("containers", "run", "--env-file", broken.toString(), TestImages.BUSYBOX, "true");
        assertThat(badLine.errLines()).singleElement().asString().contains("broken.env:2:").doesNotContain("secret");
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
