package io.capstan.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A secret used as a bad compose value: the error, printed before the engine is asked anything, says ${VAR}. */
class SecretsInComposeErrorsTest {
    private static final String SECRET = "hunter2-s3cr3t";

    @TempDir
    Path dir;

    private CliRunner.Result run(String template, String verb) throws Exception {
        Files.createDirectories(dir.resolve("services/web"));
        Files.writeString(dir.resolve(".env"), "DB_PASSWORD=" + SECRET + "\n");
        Files.writeString(dir.resolve("services/docker-compose.yml.j2"), "networks: {}\n");
        Files.writeString(dir.resolve("services/web/docker-compose.yml.j2"), template);
        Path config = Files.writeString(dir.resolve("config.yml"), "deployed_services: [web]\ndb_password: ${DB_PASSWORD}\n"
                + "framework:\n  services:\n    web: {path: ./services/web}\n");
        return CliRunner.withEngineDown(dir.resolve("no-engine.sock").toString()).run(config.toString(), verb);
    }

    @Test
    void aSecretUsedAsABadPortIsWrittenAsItsReference() throws Exception {
        for (String template : new String[] {
                "services:\n  web:\n    image: x\n    ports: ['${DB_PASSWORD}:80']\n",
                "services:\n  web:\n    image: x\n    ports: ['{{ db_password }}:80']\n"}) {
            for (String verb : new String[] {"plan", "config"}) {
                var result = run(template, verb);
                assertThat(result.exitCode()).as(template).isEqualTo(Main.FAILED);
                assertThat(result.errLines()).as(template + verb).filteredOn(l -> !l.startsWith("capstan: warning:")).hasSize(1);
                assertThat(result.err()).as(template + verb).contains("${DB_PASSWORD}").doesNotContain(SECRET);
            }
        }
    }

    @Test
    void aSecretUsedAsABadTypeIsWrittenAsItsReference() throws Exception {
        var result = run("services:\n  web:\n    image: x\n    privileged: '{{ db_password }}'\n", "plan");
        assertThat(result.exitCode()).isEqualTo(Main.FAILED);
        assertThat(result.errLines()).filteredOn(l -> !l.startsWith("capstan: warning:")).singleElement().asString()
                .contains("privileged must be true or false, found the string '${DB_PASSWORD}'").doesNotContain(SECRET);
    }
}
