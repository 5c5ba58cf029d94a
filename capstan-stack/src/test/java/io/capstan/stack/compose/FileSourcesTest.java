package io.capstan.stack.compose;

import io.capstan.core.secret.SecretNames;
import io.capstan.core.error.ConfigException;
import io.capstan.stack.config.PortableYaml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Top-level and per-service secrets and configs, as Docker Compose runs them on a plain engine. */
class FileSourcesTest {
    @TempDir
    Path dir;

    private Path compose(String content) throws IOException {
        return Files.writeString(dir.resolve("docker-compose.yml"), content);
    }

    private ComposeProject load(String content, Map<String, String> env) throws IOException {
        return new ComposeLoader(env, dir).load(List.of(compose(content)), "p");
    }

    @Test
    void fileSecretsAreBoundWhereTheServiceExpectsThem() throws IOException {
        Files.writeString(dir.resolve("db_password.txt"), "s3cret\n");
        ComposeProject project = load("""
                services:
                  db:
                    image: postgres
                    secrets:
                      - db_password
                      - source: db_password
                        target: other
                      - source: db_password
                        target: /etc/pw
                secrets:
                  db_password:
                    file: ./db_password.txt
                """, Map.of());
        List<FileMount> files = project.services().get("db").files();
        assertThat(files).extracting(FileMount::containerPath).containsExactly("/run/secrets/db_password", "/run/secrets/other", "/etc/pw");
        assertThat(files).extracting(FileMount::hostFile).containsOnly(dir.resolve("db_password.txt"));
        assertThat(project.warnings()).isEmpty();
    }

    @Test
    void configsGoToTheRootOrTheirTarget() throws IOException {
        Files.writeString(dir.resolve("nginx.conf"), "x");
        ComposeProject project = load("""
                services:
                  web:
                    image: nginx
                    configs: [nginx_conf, {source: nginx_conf, target: /etc/nginx/nginx.conf}]
                configs:
                  nginx_conf:
                    file: nginx.conf
                """, Map.of());
        assertThat(project.services().get("web").files()).extracting(FileMount::containerPath)
                .containsExactly("/nginx_conf", "/etc/nginx/nginx.conf");
    }

    @Test
    void environmentAndContentValuesAreWrittenToFilesOnlyTheOwnerCanReach() throws IOException {
        ComposeProject project = load("""
                services:
                  app:
                    image: x
                    secrets: [token, {source: token, target: t2, mode: 0400}]
                    configs: [greeting]
                secrets:
                  token:
                    environment: API_TOKEN
                configs:
                  greeting:
                    content: hello ${WHO}
                """, Map.of("API_TOKEN", "tok-123", "WHO", "world"));
        List<FileMount> files = project.services().get("app").files();
        assertThat(files.get(0).hostFile()).hasContent("tok-123");
        assertThat(files.get(2).hostFile()).hasContent("hello world");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.get(0).hostFile()))).isEqualTo("r--r--r--");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.get(1).hostFile()))).isEqualTo("r--------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.get(0).hostFile().getParent()))).isEqualTo("rwx------");
        assertThat(files.get(0).hostFile()).startsWith(dir.resolve(".capstan"));
        assertThat(project.secrets().get("token").toString()).doesNotContain("tok-123");
    }

    @Test
    void configPrintsTheVariableNameNeverItsValueAndWritesNothing() throws IOException {
        Files.writeString(dir.resolve("pw.txt"), "pw");
        Path file = compose("""
                services:
                  app:
                    image: x
                    secrets: [{source: token, target: t, mode: 0440}, pw]
                secrets:
                  token:
                    environment: API_TOKEN
                  pw:
                    file: pw.txt
                """);
        ComposeProject project = new ComposeLoader(Map.of("API_TOKEN", "tok-123"), dir).maskingSecrets(new SecretNames(List.of("*")))
                .load(List.of(file), "p");
        String yaml = PortableYaml.writeCompose(ComposeConfig.of(project));
        assertThat(yaml).doesNotContain("tok-123")
                .contains("secrets:\n  pw:\n    name: p_pw\n    file: " + dir.resolve("pw.txt"))
                .contains("  token:\n    name: p_token\n    environment: API_TOKEN")
                .contains("    secrets:\n      - source: token\n        target: t\n        mode: 288\n      - source: pw\n");
        assertThat(dir.resolve(".capstan")).doesNotExist();
    }

    @Test
    void swarmOnlySecretsAreErrorsWithFileAndLine() throws IOException {
        assertThatThrownBy(() -> load("services:\n  a:\n    image: x\nsecrets:\n  s:\n    external: true\n", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("docker-compose.yml:6: secret 's': 'external' is not supported on a plain engine (it needs "
                        + "Swarm): use file:, environment:");
        assertThatThrownBy(() -> load("services:\n  a:\n    image: x\nconfigs:\n  c:\n    name: shared\n    file: x\n", Map.of()))
                .hasMessageStartingWith("docker-compose.yml:6: config 'c': 'name' is not supported on a plain engine");
    }

    @Test
    void anUnknownSecretNamesTheServiceAndTheSecret() throws IOException {
        assertThatThrownBy(() -> load("services:\n  db:\n    image: x\n    secrets: [nope]\n", Map.of()))
                .hasMessage("docker-compose.yml:4: service 'db' uses secret 'nope', which is not declared under the "
                        + "top-level 'secrets:'");
    }

    @Test
    void badDefinitionsSayWhatIsExpected() throws IOException {
        assertThatThrownBy(() -> load("services:\n  a:\n    image: x\nsecrets:\n  s:\n    file: missing.txt\n", Map.of()))
                .hasMessageStartingWith("docker-compose.yml:6: secret 's': file 'missing.txt' not found (looked at ");
        assertThatThrownBy(() -> load("services:\n  a:\n    image: x\nsecrets:\n  s:\n    environment: UNSET_VAR\n", Map.of()))
                .hasMessage("docker-compose.yml:6: secret 's': environment variable 'UNSET_VAR' is not set");
        assertThatThrownBy(() -> load("services:\n  a:\n    image: x\nsecrets:\n  s:\n    content: x\n", Map.of()))
                .hasMessage("docker-compose.yml:5: secret 's' needs exactly one of file:, environment:, found content");
        assertThatThrownBy(() -> load("services:\n  a:\n    image: x\n    configs: [{source: c, mode: rw}]\nconfigs:\n  c:\n    content: x\n", Map.of()))
                .hasMessageContaining("mode must be an octal file mode such as 0440, found the string 'rw'");
    }

    @Test
    void ownerAndModeOfAFileSecretAreIgnoredWithAWarningAsDockerComposeDoes() throws IOException {
        Files.writeString(dir.resolve("pw.txt"), "pw");
        ComposeProject project = load("services:\n  db:\n    image: x\n    secrets:\n      - {source: pw, uid: '999', mode: 0400}\n"
                + "secrets:\n  pw:\n    file: pw.txt\n", Map.of());
        assertThat(project.warnings()).containsExactly("docker-compose.yml:5: service 'db': uid, gid and mode of secret 'pw' "
                + "are ignored: a file: secret is bound as it is on the host");
        assertThat(project.services().get("db").files().getFirst().mode()).isNull();
    }
}
