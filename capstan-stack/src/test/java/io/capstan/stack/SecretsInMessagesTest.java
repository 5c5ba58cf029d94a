package io.capstan.stack;

import io.capstan.core.error.ConfigException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A secret variable's value used where it does not belong: every message says ${VAR}, never the value. */
class SecretsInMessagesTest {
    private static final String SECRET = "hunter2-s3cr3t";

    @TempDir
    Path dir;
    TestProject project;

    @BeforeEach
    void setUp() {
        project = new TestProject(dir).rootTemplate().service("services/web", "image: web").file("docs/x", "x")
                .file(".env", "DB_PASSWORD=" + SECRET + "\nDB_PASS=pw\n");
    }

    private String failureWith(String webSettings) {
        project.file("config.yml", "deployed_services: [web]\nframework:\n  services:\n    web: " + webSettings + "\n");
        ConfigException e = assertThrows(ConfigException.class,
                () -> new StackGenerator(Map.of(), false).generate(project.config()));
        assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain("\n");
        assertThat(e.getCause()).as("a cause could print the value with --debug").satisfiesAnyOf(
                c -> assertThat(c).isNull(), c -> assertThat(c.getMessage()).doesNotContain(SECRET));
        return e.getMessage();
    }

    @Test
    void aSecretUsedAsABadPath() {
        assertThat(failureWith("{path: './services/${DB_PASSWORD}'}"))
                .isEqualTo("config.yml:4: service 'framework.web': no docker-compose.yml.j2 in ./services/${DB_PASSWORD}");
        assertThat(failureWith("{path: '../${DB_PASSWORD}'}")).contains("path '../${DB_PASSWORD}' leaves the project directory");
        assertThat(failureWith("{path: ./services/web, additional_dirs: ['docs/${DB_PASSWORD}']}"))
                .isEqualTo("config.yml:4: additional_dirs entry 'docs/${DB_PASSWORD}' does not exist");
        assertThat(failureWith("{path: ./services/web, additional_dirs: [{src: docs, dst: '../../${DB_PASSWORD}'}]}"))
                .contains("additional_dirs destination '../../${DB_PASSWORD}' must be a path inside");
    }

    @Test
    void aShortSecretUsedAsAPathIsHiddenToo() {
        assertThat(failureWith("{path: './services/x${DB_PASS}'}"))
                .isEqualTo("config.yml:4: service 'framework.web': no docker-compose.yml.j2 in ./services/x${DB_PASS}");
    }

    @Test
    void aSecretUsedAsABadType() {
        assertThat(failureWith("{path: ./services/web, copy_src: '${DB_PASSWORD}'}"))
                .endsWith("copy_src must be true or false, found the string '${DB_PASSWORD}'");
        assertThat(failureWith("{path: ./services/web, additional_dirs: '${DB_PASSWORD}'}"))
                .endsWith("additional_dirs must be a list, found the string '${DB_PASSWORD}'");
        assertThat(failureWith("{path: ./services/web, additional_dirs: [{src: '${DB_PASSWORD}', dst: 5}]}"))
                .endsWith("found a mapping");
    }

    @Test
    void aSecretUsedAsAServiceNameOrBuildDir() {
        project.file("config.yml", "deployed_services: ['${DB_PASSWORD}']\nframework:\n  services:\n    web: {path: ./services/web}\n");
        ConfigException unknown = assertThrows(ConfigException.class,
                () -> new StackGenerator(Map.of(), false).generate(project.config()));
        assertThat(unknown.getMessage()).contains("'${DB_PASSWORD}' not found").doesNotContain(SECRET);

        project.file("config.yml", "build_dir: '../${DB_PASSWORD}'\ndeployed_services: []\n");
        ConfigException buildDir = assertThrows(ConfigException.class,
                () -> new StackGenerator(Map.of(), false).generate(project.config()));
        assertThat(buildDir.getMessage()).startsWith("config.yml:1: build_dir '../${DB_PASSWORD}' must be a directory inside")
                .doesNotContain(SECRET);
    }

    @Test
    void aSecretInATemplateErrorIsHidden() {
        project.file("config.yml", "deployed_services: [web]\ndb: {password: '${DB_PASSWORD}'}\nframework:\n  services:\n    web: {path: ./services/web}\n")
                .service("services/web", "{{ db.password.missing }} {{ db[db.password] }}");
        ConfigException e = assertThrows(ConfigException.class,
                () -> new StackGenerator(Map.of(), false).generate(project.config()));
        assertThat(e.getMessage()).doesNotContain(SECRET);
    }
}
