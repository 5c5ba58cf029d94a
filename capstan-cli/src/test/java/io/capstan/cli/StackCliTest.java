package io.capstan.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code capstan CONFIG}: generation needs no engine. */
class StackCliTest {
    @TempDir
    Path dir;

    private CliRunner cli() {
        return CliRunner.withEngineDown(dir.resolve("no-engine.sock").toString());
    }

    private Path project(String config, String template) throws Exception {
        Files.createDirectories(dir.resolve("services/web"));
        Files.writeString(dir.resolve("services/docker-compose.yml.j2"), "networks: {}\n");
        Files.writeString(dir.resolve("services/web/docker-compose.yml.j2"), template);
        return Files.writeString(dir.resolve("config.yml"), config);
    }

    @Test
    void theSeedsFormGeneratesAndListsTheComposeFilesRootFirst() throws Exception {
        Path config = project("deployed_services: [web]\nframework:\n  services:\n    web: {path: ./services/web}\n",
                "services: {}\n");
        var result = cli().run(config.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("Generated compose files:\n"
                + " - " + dir.resolve("build/services/docker-compose.yml") + "\n"
                + " - " + dir.resolve("build/services/web/docker-compose.yml") + "\n");
        assertThat(cli().run("stack", config.toString()).out()).isEqualTo(result.out());
        assertThat(cli().run("--debug", "--engine", "/tmp/unused.sock", config.toString()).out()).isEqualTo(result.out());
    }

    @Test
    void errorsAreOneLineWithFileAndLine() throws Exception {
        Path config = project("deployed_services:\n  - wbe\nframework:\n  services:\n    web: {path: ./services/web}\n", "x");
        var result = cli().run(config.toString());
        assertThat(result.exitCode()).isEqualTo(Main.FAILED);
        assertThat(result.errLines()).containsExactly(
                "capstan: config.yml:2: Service 'wbe' not found in configuration; did you mean 'framework.web'?");
        assertThat(cli().run(dir.resolve("missing.yml").toString()).errLines())
                .containsExactly("capstan: config file '" + dir.resolve("missing.yml") + "' not found");
    }

    @Test
    void warningsGoToStandardError() throws Exception {
        Path config = project("deployed_services: [web, web]\nframework:\n  services:\n    web: {path: ./services/web}\n",
                "x: ${NOT_SET_ANYWHERE_42}\n");
        var result = cli().run(config.toString());
        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).contains("capstan: warning: config.yml:1: service 'framework.web' is already listed");
    }

    @Test
    void lenientRendersUndefinedValuesEmpty() throws Exception {
        Path config = project("deployed_services: [web]\nframework:\n  services:\n    web: {path: ./services/web}\n",
                "x: [{{ nothing }}]\n");
        assertThat(cli().run(config.toString()).exitCode()).isEqualTo(Main.FAILED);
        assertThat(cli().run(config.toString(), "--lenient").exitCode()).isZero();
        assertThat(dir.resolve("build/services/web/docker-compose.yml")).hasContent("x: []");
    }
}
