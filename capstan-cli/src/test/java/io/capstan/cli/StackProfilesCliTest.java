package io.capstan.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --profile} and {@code COMPOSE_PROFILES} on the stack verbs; {@code config} needs no engine. */
class StackProfilesCliTest {
    @TempDir
    Path dir;

    private Path project() throws Exception {
        Files.createDirectories(dir.resolve("services/web"));
        Files.writeString(dir.resolve("services/docker-compose.yml.j2"), "networks: {}\n");
        Files.writeString(dir.resolve("services/web/docker-compose.yml.j2"), """
                services:
                  web: {image: web}
                  debug: {image: tools, profiles: [debug]}
                  metrics: {image: prom, profiles: [monitoring]}
                """);
        return Files.writeString(dir.resolve("config.yml"),
                "deployed_services: [web]\nframework:\n  services:\n    web: {path: ./services/web}\n");
    }

    private List<String> services(String... args) throws Exception {
        var result = CliRunner.withEngineDown(dir.resolve("no-engine.sock").toString()).run(args);
        assertThat(result.exitCode()).as(result.err()).isZero();
        var services = io.capstan.cli.output.Json.mapper().readTree(result.out()).at("/services");
        List<String> names = new java.util.ArrayList<>();
        services.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void configPrintsTheServicesOfActiveProfilesOnly() throws Exception {
        String config = project().toString();
        assertThat(services(config, "config", "--format", "json")).containsExactly("web");
        assertThat(services(config, "config", "--format", "json", "--profile", "debug")).containsExactly("debug", "web");
        assertThat(services(config, "config", "--format", "json", "--profile", "debug", "--profile", "monitoring"))
                .containsExactly("debug", "metrics", "web");
        Files.writeString(dir.resolve(".env"), "COMPOSE_PROFILES=monitoring\n");
        assertThat(services(config, "config", "--format", "json")).containsExactly("metrics", "web");
        assertThat(services(config, "config", "--format", "json", "--profile", "debug")).containsExactly("debug", "web");
    }

    @Test
    void viaPassesTheProfilesToTheOtherTool() {
        assertThat(ComposeVia.tool("podman", List.of("debug", "monitoring")))
                .containsExactly("podman", "compose", "--profile", "debug", "--profile", "monitoring");
    }
}
