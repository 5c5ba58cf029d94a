package io.capstan.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A generation killed while writing (SIGKILL, or Ctrl-C) leaves its temporary directory beside the build
 * directory, possibly with rendered secrets: the next generation removes it once it is old enough to belong to no
 * run still writing.
 */
class KilledGenerationLeftoversTest {
    @TempDir
    Path dir;

    @Test
    void temporaryDirectoriesOfAKilledRunAreRemovedByTheNextGeneration() throws Exception {
        TestProject project = new TestProject(dir).rootTemplate()
                .file("config.yml", """
                        deployed_services: [web]
                        framework:
                          services:
                            web: {path: ./services/web}
                        """)
                .service("services/web", "image: web");
        Path killedWhileWriting = leftover(".build.capstan-new-0b6c1a52-killed", Duration.ofMinutes(11));
        Path killedWhileSwapping = leftover(".build.capstan-old-5d0e2f13-killed", Duration.ofHours(3));
        Path stillWriting = leftover(".build.capstan-new-9a41c7e0-running", Duration.ZERO);
        Path someoneElses = leftover(".build.capstan-notes", Duration.ofHours(3));

        new StackGenerator(Map.of(), false).generate(project.config());

        assertThat(killedWhileWriting).doesNotExist();
        assertThat(killedWhileSwapping).doesNotExist();
        assertThat(stillWriting).as("a run that may still be writing").exists();
        assertThat(someoneElses).exists();
        assertThat(dir.resolve("build/services/web/docker-compose.yml")).exists();
    }

    private Path leftover(String name, Duration age) throws Exception {
        Path leftover = Files.createDirectories(dir.resolve(name).resolve("services/web"));
        Files.writeString(leftover.resolve("docker-compose.yml"), "environment: {DB_PASSWORD: s3cret}\n");
        Files.setLastModifiedTime(dir.resolve(name), FileTime.from(Instant.now().minus(age)));
        return dir.resolve(name);
    }
}
