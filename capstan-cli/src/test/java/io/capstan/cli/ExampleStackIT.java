package io.capstan.cli;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.label.Labels;
import io.capstan.docker.EngineLocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** examples/demo through the command line, as a user runs it, on the real engine. */
class ExampleStackIT {
    private static final Map<String, String> STACK = Map.of(Labels.STACK, "capstan-demo");
    private static final Pattern HEALTHY = Pattern.compile("\\bhealthy\\b");
    private final CliRunner cli = CliRunner.withEnvironmentEngine();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;
    Path config;

    @BeforeEach
    void copyExample() throws IOException {
        config = ExampleProject.copyTo(dir);
        cli.run(config.toString(), "down", "-t", "0", "-v"); // a demo left running on this machine
    }

    @AfterEach
    void down() {
        cli.run(config.toString(), "clean", "-t", "0");
    }

    @Test
    void theExampleRunsAnswersIsIdempotentAndGoesAwayCompletely() throws Exception {
        var up = cli.run(config.toString(), "up", "-d", "--wait");
        assertThat(up.exitCode()).as(up.err()).isZero();
        assertThat(up.out()).contains("webui", "shop-api", "pipelines-read", "pipelines-write", "shop-cache");

        assertThat(get("http://127.0.0.1:18480/")).contains("capstan demo web UI");
        assertThat(get("http://127.0.0.1:18483/seed.txt")).startsWith("seed-record-1");
        assertThat(get("http://127.0.0.1:18481/repo_src/demo/hello.sh")).contains("hello from repo_src");
        try (ContainerEngine engine = EngineLocator.fromEnvironment().locate(null)) {
            var api = engine.containers().list(ContainerFilter.allWithLabels(Map.of(Labels.STACK, "capstan-demo",
                    Labels.SERVICE, "api"))).getFirst();
            assertThat(engine.containers().inspect(api.id()).environment())
                    .containsEntry("SHOP_API_TOKEN", "demo-token-not-a-real-secret")
                    .containsEntry("GREETING", "hello from the capstan demo");
        }
        var reach = cli.run("containers", "run", "--attach", "--rm", "--network", "capstan-demo-net",
                "capstan-busybox:test", "wget", "-q", "-O-", "http://cache:6379/state");
        assertThat(reach.out()).as("services are reachable by service name on the stack network").isEqualTo("ready\n");
        assertThat(reach.exitCode()).isZero();
        // the word, not a part of "unhealthy"
        await().atMost(Duration.ofSeconds(20)).until(() -> HEALTHY.matcher(cli.run(config.toString(), "ps").out()).find());
        var ps = cli.run(config.toString(), "ps", "--format", "json");
        assertThat(ps.out()).contains("\"service\" : \"webui\"", "\"health\" : \"healthy\"");

        var plan = cli.run(config.toString(), "plan");
        assertThat(plan.out()).contains("Nothing to do: the stack runs as configured.");

        Files.writeString(dir.resolve("config.yml"), Files.readString(dir.resolve("config.yml"))
                .replace("${GREETING:-hello from the capstan demo}", "changed greeting"));
        assertThat(cli.run(config.toString(), "plan").out())
                .contains("recreate  api (shop-api): environment changed").doesNotContain("recreate  webui");
        var changed = cli.run(config.toString(), "up", "-d");
        assertThat(changed.exitCode()).as(changed.err()).isZero();
        assertThat(changed.err()).contains("recreating").contains("api");
        assertThat(cli.run(config.toString(), "plan").out()).contains("Nothing to do");

        var logs = cli.run(config.toString(), "logs", "cache");
        assertThat(logs.exitCode()).isZero();
        // the cache's httpd writes nothing, and no other service's lines come with it
        assertThat(logs.out()).isEmpty();
        assertThat(logs.err()).isEmpty();

        var down = cli.run(config.toString(), "down", "-t", "0", "-v");
        assertThat(down.exitCode()).as(down.err()).isZero();
        try (ContainerEngine engine = EngineLocator.fromEnvironment().locate(null)) {
            assertThat(engine.containers().list(ContainerFilter.allWithLabels(STACK))).isEmpty();
            assertThat(engine.networks().list(STACK)).isEmpty();
            assertThat(engine.volumes().list(STACK)).isEmpty();
        }
    }

    @Test
    void viaDockerHandsTheGeneratedFilesToDockerCompose() {
        var up = cli.run(config.toString(), "up", "-d", "--via", "docker");
        try {
            assertThat(up.exitCode()).as("docker-compose up -d with the generated files").isZero();
            try (ContainerEngine engine = EngineLocator.fromEnvironment().locate(null)) {
                assertThat(engine.containers().list(ContainerFilter.allWithLabels(Map.of(Labels.COMPOSE_PROJECT, "services"))))
                        .as("not named after the compose files' directory").isEmpty();
                var started = engine.containers().list(ContainerFilter.allWithLabels(Map.of(Labels.COMPOSE_PROJECT, "capstan-demo")));
                assertThat(started).extracting(c -> c.name())
                        .contains("webui", "shop-api", "shop-cache", "pipelines-read", "pipelines-write");
                assertThat(started).as("docker-compose's containers are not Capstan's").allMatch(c -> !Labels.isOwned(c.labels()));
            }
            assertThat(get("http://127.0.0.1:18480/")).contains("capstan demo web UI");
        } finally {
            assertThat(cli.run(config.toString(), "down", "-v", "--via", "docker").exitCode()).isZero();
        }
        try (ContainerEngine engine = EngineLocator.fromEnvironment().locate(null)) {
            assertThat(engine.containers().list(ContainerFilter.allWithLabels(Map.of(Labels.COMPOSE_PROJECT, "capstan-demo")))).isEmpty();
            assertThat(engine.volumes().list(Map.of(Labels.COMPOSE_PROJECT, "capstan-demo"))).as("down -v passed on").isEmpty();
        }
    }

    @Test
    void usageErrorsSayWhatIsAccepted() {
        var detached = cli.run(config.toString(), "down", "-d");
        assertThat(detached.exitCode()).isEqualTo(Main.FAILED);
        assertThat(detached.errLines()).containsExactly("capstan: -d is accepted only with up and rebuild, not with down");
        var unknown = cli.run(config.toString(), "begin");
        assertThat(unknown.exitCode()).isEqualTo(Main.USAGE);
        assertThat(unknown.err()).contains("unknown verb 'begin': use up, down, stop, start, restart, clean, rebuild, "
                + "ps, logs, stats, exec, plan, config or render");
        var logsOfGhost = cli.run(config.toString(), "logs", "ghost");
        assertThat(logsOfGhost.err()).contains("service 'ghost' is not in stack 'capstan-demo'");
    }

    private String get(String url) {
        return await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> http.send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.ofString()).body(), body -> !body.isEmpty());
    }
}
