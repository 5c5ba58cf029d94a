package io.capstan.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The disk filling while the build directory is written: a 256 KiB tmpfs (mounted here, which needs root) holds
 * the build directory, and a service's files outgrow it. One error line names the build directory and the full
 * disk, and the previous build directory stays exactly as it was.
 */
class BuildDirFullIT {
    private final CliRunner cli = CliRunner.withEnvironmentEngine();

    @TempDir
    Path dir;
    Path config;
    Path mount;

    @BeforeEach
    void writeProject() throws Exception {
        config = dir.resolve("config.yml");
        Files.createDirectories(dir.resolve("services/app"));
        Files.writeString(dir.resolve("services/docker-compose.yml.j2"), "networks:\n  net: {}\n");
        Files.writeString(dir.resolve("services/app/docker-compose.yml.j2"),
                "services:\n  app:\n    image: capstan-busybox:test\n");
        mount = Files.createDirectories(dir.resolve("out"));
        run("mount", "-t", "tmpfs", "-o", "size=256k", "chaos17-build-full", mount.toString());
    }

    @AfterEach
    void unmount() throws Exception {
        run("umount", mount.toString());
    }

    @Test
    void aBuildDirectoryOnAFullDiskSaysSoAndKeepsThePreviousBuild() throws IOException {
        writeConfig("./out/build");
        assertFullDiskKeepsPreviousBuild(mount.resolve("build"));
    }

    @Test
    void aBuildDirectoryThatIsItselfAMountPointIsGeneratedAndKeptWhenTheDiskFills() throws IOException {
        writeConfig("./out");
        assertFullDiskKeepsPreviousBuild(mount);
    }

    private void assertFullDiskKeepsPreviousBuild(Path buildDir) throws IOException {
        var first = cli.run(config.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        Map<String, String> previous = tree(buildDir);
        assertThat(previous).containsKey("services/app/docker-compose.yml");

        byte[] big = new byte[400 * 1024];
        new Random(17).nextBytes(big);
        Files.write(dir.resolve("services/app/big.bin"), big);
        Files.writeString(dir.resolve("services/app/docker-compose.yml.j2"),
                "services:\n  app:\n    image: capstan-busybox:test\n    command: [sleep, '1']\n");
        var second = cli.run(config.toString());

        assertThat(second.exitCode()).isEqualTo(Main.FAILED);
        assertThat(second.errLines()).containsExactly("capstan: cannot write the build directory " + buildDir
                + ": no space left on its device (writing services/app/big.bin); the previous build directory is "
                + "unchanged: free some space or choose another build_dir");
        assertThat(tree(buildDir)).as("the previous build").isEqualTo(previous);
        try (Stream<Path> left = Files.list(mount)) {
            assertThat(left.map(p -> p.getFileName().toString())).as("temporary directories left on the tmpfs")
                    .noneMatch(name -> name.contains(".capstan-new-") || name.contains(".capstan-old-"));
        }

        Files.delete(dir.resolve("services/app/big.bin"));
        var third = cli.run(config.toString());
        assertThat(third.exitCode()).as("once there is room again: %s", third.err()).isZero();
        assertThat(Files.readString(buildDir.resolve("services/app/docker-compose.yml"))).contains("sleep");
        assertThat(buildDir.resolve(".capstan-build")).exists();
    }

    private void writeConfig(String buildDir) throws IOException {
        Files.writeString(config, "project_name: chaos17-full\nbuild_dir: " + buildDir + "\n"
                + "deployed_services: [app]\nframework:\n  services:\n    app: {path: ./services/app}\n");
    }

    /** Every file under {@code root}, relative, with its content. */
    private static Map<String, String> tree(Path root) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(p).toString(), Files.readString(p));
            }
        }
        return files;
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as("%s (the test needs root): %s", String.join(" ", command), output).isZero();
    }
}
