package io.capstan.stack.compose;

import io.capstan.core.error.ConfigException;
import io.capstan.core.spec.Mount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code extends} and top-level {@code include}, resolved as Docker Compose resolves them. */
class ExtendsAndIncludeTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private ComposeProject load(Path file) {
        return load(file, Map.of());
    }

    private ComposeProject load(Path file, Map<String, String> env) {
        return new ComposeLoader(env, dir).load(List.of(file), "p");
    }

    @Test
    void aServiceTakesTheKeysOfTheServiceItExtendsUnderItsOwn() throws IOException {
        Path file = write("docker-compose.yml", """
                services:
                  base:
                    image: app:1
                    command: [run, base]
                    environment: {A: "1", B: "2"}
                    labels: [tier=back]
                  web:
                    extends: base
                    command: [run, web]
                    environment: [B=3]
                  worker:
                    extends: {service: web}
                    user: nobody
                """);
        ComposeProject project = load(file);
        var web = project.services().get("web");
        assertThat(web.image()).isEqualTo("app:1");
        assertThat(web.command()).containsExactly("run", "web");
        assertThat(web.environment()).containsEntry("A", "1").containsEntry("B", "3");
        assertThat(web.labels()).containsEntry("tier", "back");
        var worker = project.services().get("worker");
        assertThat(worker.command()).containsExactly("run", "web");
        assertThat(worker.user()).isEqualTo("nobody");
        assertThat(project.warnings()).isEmpty();
    }

    @Test
    void aServiceFromAnotherFileKeepsItsPathsRelativeToThatFile() throws IOException {
        write("common/common.yml", """
                services:
                  app:
                    image: app:${TAG}
                    volumes: [./data:/data]
                """);
        Path file = write("docker-compose.yml", """
                services:
                  web:
                    extends: {file: common/common.yml, service: app}
                    volumes: [./logs:/logs]
                """);
        var web = load(file, Map.of("TAG", "7")).services().get("web");
        assertThat(web.image()).isEqualTo("app:7");
        assertThat(web.mounts()).containsExactly(new Mount(Mount.Type.BIND, dir.resolve("common/data").toString(), "/data", false),
                new Mount(Mount.Type.BIND, dir.resolve("logs").toString(), "/logs", false));
    }

    @Test
    void extendsCyclesAndUnknownServicesAreErrors() throws IOException {
        Path cycle = write("cycle.yml", "services:\n  a:\n    extends: b\n  b:\n    extends: {service: a}\n    image: x\n");
        assertThatThrownBy(() -> load(cycle)).isInstanceOf(ConfigException.class)
                .hasMessage("cycle.yml:3: extends cycle: a -> b -> a");
        Path unknown = write("unknown.yml", "services:\n  a:\n    image: x\n    extends: nope\n");
        assertThatThrownBy(() -> load(unknown)).hasMessage("unknown.yml:4: service 'a' extends 'nope', which is not a service of unknown.yml");
    }

    @Test
    void includedFilesJoinTheProjectWithTheirOwnDirectoryAndVariables() throws IOException {
        write("db/compose.yml", """
                services:
                  db:
                    image: postgres:${PG}
                    volumes: [./init:/docker-entrypoint-initdb.d]
                    secrets: [pw]
                volumes:
                  data: {}
                secrets:
                  pw:
                    file: ./pw.txt
                """);
        write("db/pw.txt", "x");
        write("db/db.env", "PG=16\n");
        write("cache.yml", "services:\n  cache:\n    image: redis\n");
        Path file = write("docker-compose.yml", """
                include:
                  - cache.yml
                  - path: db/compose.yml
                    env_file: db/db.env
                services:
                  web:
                    image: web
                    depends_on: [db, cache]
                """);
        ComposeProject project = load(file);
        assertThat(project.services()).containsOnlyKeys("cache", "db", "web");
        var db = project.services().get("db");
        assertThat(db.image()).isEqualTo("postgres:16");
        assertThat(db.mounts().getFirst().source()).isEqualTo(dir.resolve("db/init").toString());
        assertThat(db.files().getFirst().hostFile()).isEqualTo(dir.resolve("db/pw.txt"));
        assertThat(project.volumes()).containsOnlyKeys("data");
    }

    @Test
    void aServiceDefinedInTheIncludingAndAnIncludedFileIsAnErrorNamingBoth() throws IOException {
        write("other.yml", "services:\n  web:\n    image: other\n");
        Path file = write("docker-compose.yml", "include: [other.yml]\nservices:\n  web:\n    image: mine\n");
        assertThatThrownBy(() -> load(file)).isInstanceOf(ConfigException.class)
                .hasMessage("docker-compose.yml:3: service 'web' is defined in both docker-compose.yml and other.yml "
                        + "(included): a resource may be defined only once");
        Path missing = write("missing.yml", "include:\n  - nowhere.yml\nservices:\n  a: {image: x}\n");
        assertThatThrownBy(() -> load(missing)).hasMessageStartingWith("missing.yml:2: included file 'nowhere.yml' not found");
    }
}
