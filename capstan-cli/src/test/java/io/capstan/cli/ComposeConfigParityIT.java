package io.capstan.cli;

import io.capstan.stack.StackGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code capstan CONFIG config} beside Debian's {@code docker-compose config} (v1) on examples/demo; no engine needed. */
class ComposeConfigParityIT {
    private final CliRunner cli = CliRunner.withEngineDown("/nonexistent/docker.sock");

    @TempDir
    Path dir;

    /**
     * {@code capstan CONFIG config} against Debian's {@code docker-compose config} on the same generated files: both
     * YAMLs parsed, every field both print compared. Deliberate differences (docs/stacks.md): volumes in the long
     * form (as {@code docker compose} v2 prints them), compared here as {@code source:target:mode}; a secret
     * variable's value stays {@code ${VAR}}.
     */
    @Test
    void configAgreesWithDockerComposeConfigOnEveryFieldBothPrint() throws Exception {
        Path config = ExampleProject.copyTo(dir);
        var printed = cli.run(config.toString(), "config");
        assertThat(printed.exitCode()).as(printed.err()).isZero();
        Map<String, Object> ours = yaml(printed.out());

        List<Path> files = new StackGenerator(System.getenv(), false).generate(config).composeFiles();
        Process compose = new ProcessBuilder(ComposeVia.argv(List.of("docker-compose"), files, dir.resolve(".env"),
                "capstan-demo", "config", new ComposeVia.VerbFlags(false, false, 10)).getFirst()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
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

    /** Compares every scalar both trees hold at the same path, and records the paths compared. */
    static void compareCommonFields(String path, Object ours, Object theirs, List<String> compared) {
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
    static Map<String, Object> yaml(String text) {
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(text);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.get(key);
    }

}
