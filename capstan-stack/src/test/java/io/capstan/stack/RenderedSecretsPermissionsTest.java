package io.capstan.stack;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A build that holds a rendered secret is for its owner only; copied files keep their own modes. */
class RenderedSecretsPermissionsTest {
    @TempDir
    Path dir;
    TestProject project;

    @BeforeEach
    void setUp() throws Exception {
        project = new TestProject(dir).rootTemplate()
                .file(".env", "DB_PASSWORD=hunter2-s3cr3t\n")
                .file("config.yml", """
                        deployed_services: [web, docs]
                        db: {password: '${DB_PASSWORD}'}
                        framework:
                          services:
                            web: {path: ./services/web}
                            docs: {path: ./services/docs}
                        """)
                .service("services/docs", "image: docs")
                .file("services/web/entrypoint.sh", "#!/bin/sh\n");
        Files.setPosixFilePermissions(dir.resolve("services/web/entrypoint.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static Set<PosixFilePermission> mode(Path path) throws Exception {
        return Files.getPosixFilePermissions(path);
    }

    @Test
    void aRenderedSecretMakesTheBuildDirectoryAndItsFileOwnerOnly() throws Exception {
        project.service("services/web", "environment:\n  DB_PASSWORD: \"{{ db.password }}\"\n");
        new StackGenerator(Map.of(), false).generate(project.config());
        assertThat(project.read("services/web/docker-compose.yml")).contains("hunter2-s3cr3t");
        assertThat(mode(dir.resolve("build"))).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(mode(project.build("services/web/docker-compose.yml"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(mode(project.build("services/web/entrypoint.sh"))).as("copied files keep their mode")
                .isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        Path usualFile = Files.writeString(dir.resolve("usual.txt"), "x");
        assertThat(mode(project.build("services/docs/docker-compose.yml"))).as("a rendered file without a secret")
                .isEqualTo(mode(usualFile));
    }

    @Test
    void withoutARenderedSecretTheBuildDirectoryKeepsTheUsualMode() throws Exception {
        project.service("services/web", "environment:\n  DB_PASSWORD: ${DB_PASSWORD}\n");
        new StackGenerator(Map.of(), false).generate(project.config());
        Path usual = Files.createDirectory(dir.resolve("usual"));
        assertThat(mode(dir.resolve("build"))).isEqualTo(mode(usual));
        Path usualFile = Files.writeString(dir.resolve("usual.txt"), "x");
        assertThat(mode(project.build("services/web/docker-compose.yml"))).isEqualTo(mode(usualFile));
    }
}
