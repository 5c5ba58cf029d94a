package io.capstan.cli;

import io.capstan.tck.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Removing an image a container uses names that container, not the engine's id for it. */
class ImageInUseIT {
    private final CliRunner cli = CliRunner.withEnvironmentEngine();
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String image = "rest19-in-use-" + suffix + ":test";
    private final String container = "rest19-user-" + suffix;

    @TempDir
    Path dir;

    @AfterEach
    void cleanUp() {
        cli.run("containers", "rm", "-f", container);
        cli.run("images", "rm", "-f", image);
    }

    @Test
    void removingAnImageInUseNamesTheContainerUsingIt() throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), "FROM " + TestImages.BUSYBOX + "\nLABEL rest19=" + suffix + "\n");
        assertThat(cli.run("images", "build", "-t", image, dir.toString()).exitCode()).isZero();
        assertThat(cli.run("containers", "create", "--name", container, image, "true").exitCode()).isZero();

        var refused = cli.run("images", "rm", image);

        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.errLines()).containsExactly("capstan: image '" + image + "' is used by container " + container
                + ": remove it first, or use --force to untag the image anyway");
        assertThat(refused.err()).doesNotContainPattern("[0-9a-f]{12}");
        assertThat(cli.run("images", "ls").out()).contains("rest19-in-use-" + suffix);
    }
}
