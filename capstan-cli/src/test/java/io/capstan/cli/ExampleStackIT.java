package io.capstan.cli;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.label.Labels;
import io.capstan.docker.EngineLocator;
import io.capstan.stack.StackGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** examples/demo through the command line, as a user runs it, on the real engine. */
class ExampleStackIT {
    private static final Map<String, String> STACK = Map.of(Labels.STACK, "capstan-demo");
    private final CliRunner cli = CliRunner.withEnvironmentEngine();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;
    Path config;

    @BeforeEach
    void copyExample() throws IOException {
        Path example = Path.of("../examples/demo");
        try (Stream<Path> files = Files.walk(example)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path relative = example.relativize(file);
                if (!relative.startsWith("build")) {
                    Files.createDirectories(dir.resolve(relative).getParent());
                    Files.copy(file, dir.resolve(relative), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        config = dir.resolve("config.yml");
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
        await().atMost(Duration.ofSeconds(20)).until(() -> cli.run(config.toString(), "ps").out().contains("healthy"));
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
                var started = engine.containers().list(ContainerFilter.allWithLabels(Map.of(Labels.COMPOSE_PROJECT, "services")));
                assertThat(started).extracting(c -> c.name())
                        .contains("webui", "shop-api", "shop-cache", "pipelines-read", "pipelines-write");
                assertThat(started).as("docker-compose's containers are not Capstan's").allMatch(c -> !Labels.isOwned(c.labels()));
            }
            assertThat(get("http://127.0.0.1:18480/")).contains("capstan demo web UI");
        } finally {
            assertThat(cli.run(config.toString(), "down", "--via", "docker").exitCode()).isZero();
        }
    }

    /**
     * {@code capstan CONFIG config} against Debian's {@code docker-compose config} on the same generated files: both
     * YAMLs parsed, every field both print compared. Deliberate differences (docs/stacks.md): volumes in the long
     * form (as {@code docker compose} v2 prints them), compared here as {@code source:target:mode}; a secret
     * variable's value stays {@code ${VAR}}.
     */
    @Test
    void configAgreesWithDockerComposeConfigOnEveryFieldBothPrint() throws Exception {
        var printed = cli.run(config.toString(), "config");
        assertThat(printed.exitCode()).as(printed.err()).isZero();
        Map<String, Object> ours = yaml(printed.out());

        List<Path> files = new StackGenerator(System.getenv(), false).generate(config).composeFiles();
        Process compose = new ProcessBuilder(ComposeVia.argv(List.of("docker-compose"), files, dir.resolve(".env"),
                "config", false).getFirst()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String theirsText = new String(compose.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(compose.waitFor()).as(theirsText).isZero();
        Map<String, Object> theirs = yaml(theirsText);

        assertThat(map(ours, "services").keySet()).isEqualTo(map(theirs, "services").keySet())
                .contains("webui", "api", "cache", "pipelines-read", "pipelines-write");
        assertThat(map(ours, "networks").keySet()).isEqualTo(map(theirs, "networks").keySet());
        assertThat(map(ours, "volumes").keySet()).isEqualTo(map(theirs, "volumes").keySet());
        assertThat(map(map(map(ours, "services"), "api"), "environment").remove("SHOP_API_TOKEN"))
                .isEqualTo("${SHOP_API_TOKEN}");
        assertThat(map(map(map(theirs, "services"), "api"), "environment").remove("SHOP_API_TOKEN"))
                .isEqualTo("demo-token-not-a-real-secret");
        for (Object service : map(ours, "services").values()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> s = (Map<String, Object>) service;
            if (s.get("volumes") instanceof List<?> volumes) {
                s.put("volumes", volumes.stream().map(v -> (Map<?, ?>) v).map(v -> v.get("source") + ":" + v.get("target")
                        + ":" + (Boolean.TRUE.equals(v.get("read_only")) ? "ro" : "rw")).toList());
            }
        }

        List<String> compared = new ArrayList<>();
        compareCommonFields("", ours, theirs, compared);
        assertThat(compared).contains(".services.api.image", ".services.api.build.context", ".services.api.command[3]",
                ".services.api.container_name", ".services.api.depends_on.cache.condition",
                ".services.api.environment.GREETING", ".services.api.ports[0].published", ".services.api.ports[0].target",
                ".services.webui.healthcheck.interval", ".services.webui.healthcheck.test[1]",
                ".services.pipelines-read.volumes[0]", ".services.cache.volumes[0]",
                ".services.pipelines-read.environment.HTTP_PROXY", ".networks.capstan-demo-net.name");
    }

    private static void compareCommonFields(String path, Object ours, Object theirs, List<String> compared) {
        if (ours instanceof Map<?, ?> a && theirs instanceof Map<?, ?> b) {
            a.forEach((key, value) -> {
                if (b.containsKey(key)) {
                    compareCommonFields(path + "." + key, value, b.get(key), compared);
                }
            });
        } else if (ours instanceof List<?> a && theirs instanceof List<?> b) {
            assertThat(a).as(path).hasSameSizeAs(b);
            for (int i = 0; i < a.size(); i++) {
                compareCommonFields(path + "[" + i + "]", a.get(i), b.get(i), compared);
            }
        } else {
            assertThat(String.valueOf(ours)).as(path).isEqualTo(String.valueOf(theirs));
            compared.add(path);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(String text) {
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(text);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.get(key);
    }

    @Test
    void usageErrorsSayWhatIsAccepted() {
        var detached = cli.run(config.toString(), "down", "-d");
        assertThat(detached.exitCode()).isEqualTo(Main.FAILED);
        assertThat(detached.errLines()).containsExactly("capstan: -d is accepted only with up and rebuild, not with down");
        var unknown = cli.run(config.toString(), "start");
        assertThat(unknown.exitCode()).isEqualTo(Main.USAGE);
        assertThat(unknown.err()).contains("unknown verb 'start': use up, down, clean, rebuild, ps, logs, plan or config");
        var logsOfGhost = cli.run(config.toString(), "logs", "ghost");
        assertThat(logsOfGhost.err()).contains("service 'ghost' is not in stack 'capstan-demo'");
    }

    private String get(String url) {
        return await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> http.send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.ofString()).body(), body -> !body.isEmpty());
    }
}
