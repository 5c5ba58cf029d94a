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

    private static final String CONFIG_WITH_A_SECRET = "deployed_services: [web]\napi_key: ${WEB_API_KEY:-k-123}\n"
            + "framework:\n  services:\n    web: {path: ./services/web, port_host: 8080}\n";
    private static final String COMPOSE_WITH_A_SECRET = """
            services:
              web:
                image: busybox:${TAG:-1.36}
                ports: ["{{ service.port_host }}:80"]
                environment:
                  FROM_COMPOSE: ${WEB_API_KEY:-k-123}
                  FROM_TEMPLATE: "{{ api_key }}"
                  ROLE: 'NO'
            """;

    @Test
    void configPrintsTheResolvedModelWithSecretsMaskedUnlessTheTemplateWroteThemIn() throws Exception {
        Path config = project(CONFIG_WITH_A_SECRET, COMPOSE_WITH_A_SECRET);
        Files.writeString(dir.resolve(".env"), "WEB_API_KEY=from-env\n");
        var yaml = cli().run(config.toString(), "config");
        assertThat(yaml.exitCode()).as(yaml.err()).isZero();
        assertThat(yaml.out()).startsWith("name: ").contains("""
                  web:
                    environment:
                      FROM_COMPOSE: '${WEB_API_KEY}'
                      FROM_TEMPLATE: from-env
                      ROLE: 'NO'
                """, """
                    image: busybox:1.36
                """, """
                    ports:
                      - target: 80
                        published: 8080
                        protocol: tcp
                """);

        var json = cli().run(config.toString(), "config", "--format", "json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        var web = io.capstan.cli.output.Json.mapper().readTree(json.out()).at("/services/web");
        assertThat(web.at("/image").asText()).isEqualTo("busybox:1.36");
        assertThat(web.at("/ports/0/published").asInt()).isEqualTo(8080);
        assertThat(web.at("/environment/FROM_TEMPLATE").asText()).isEqualTo("from-env");
        assertThat(web.at("/environment/FROM_COMPOSE").asText()).isEqualTo("${WEB_API_KEY}");
        assertThat(cli().run("stack", "--help").out().replaceAll("\\s+", " "))
                .contains("config prints the resolved compose model", "values of secret variables stay ${VAR} unless");
    }

    @Test
    void formatsAreCheckedAgainstTheVerb() throws Exception {
        Path config = project(CONFIG_WITH_A_SECRET, COMPOSE_WITH_A_SECRET);
        var table = cli().run(config.toString(), "config", "--format", "table");
        assertThat(table.exitCode()).isEqualTo(Main.FAILED);
        assertThat(table.errLines()).containsExactly("capstan: --format table is accepted only with plan, ps, rebuild, stats, up, "
                + "not with config");
        var yamlPs = cli().run(config.toString(), "ps", "--format", "yaml");
        assertThat(yamlPs.errLines()).containsExactly("capstan: --format yaml is accepted only with config, not with ps");
        assertThat(yamlPs.out()).isEmpty();
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
