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

/** Removing an image, volume or network a container uses names that container, not the engine's id for it. */
class InUseNamesIT {
    private final CliRunner cli = CliRunner.withEnvironmentEngine();
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String image = "rest19-in-use-" + suffix + ":test";
    private final String container = "rest19-user-" + suffix;
    private final String volume = "rest19-vol-" + suffix;
    private final String network = "rest19-net-" + suffix;

    @TempDir
    Path dir;

    @AfterEach
    void cleanUp() {
        cli.run("containers", "rm", "-f", container);
        cli.run("images", "rm", "-f", image);
        cli.run("volumes", "rm", volume);
        cli.run("networks", "rm", network);
    }

    @Test
    void removingAVolumeOrNetworkInUseNamesTheContainer() {
        assertThat(cli.run("networks", "create", network).exitCode()).isZero();
        assertThat(cli.run("containers", "run", "--name", container, "-v", volume + ":/data", "--network", network,
                TestImages.BUSYBOX, "sleep", "300").exitCode()).isZero();

        var volumeRefused = cli.run("volumes", "rm", volume);
        assertThat(volumeRefused.errLines()).containsExactly("capstan: volume '" + volume + "' is used by container "
                + container + ": remove it first");
        var networkRefused = cli.run("networks", "rm", network);
        assertThat(networkRefused.errLines()).containsExactly("capstan: network '" + network + "' is used by container "
                + container + ": stop or disconnect it first");
        assertThat(volumeRefused.exitCode()).isNotZero();
        assertThat(networkRefused.exitCode()).isNotZero();
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
