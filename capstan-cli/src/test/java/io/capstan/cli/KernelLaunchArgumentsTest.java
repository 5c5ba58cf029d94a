package io.capstan.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class KernelLaunchArgumentsTest {
    @TempDir
    Path dir;

    @Test
    void theKernelspecsArgvIsReadWithoutPicocli() {
        assertThat(KernelLaunchArguments.of("kernel", "launch", "--connection-file", "/run/kernel-1.json",
                "--spec-dir", "/share/jupyter/kernels/docker_python"))
                .contains(new KernelLaunchArguments(Path.of("/run/kernel-1.json"),
                        Path.of("/share/jupyter/kernels/docker_python"), null));
        assertThat(KernelLaunchArguments.of("kernel", "launch", "--spec-dir=/k", "--kernel-id", "abc",
                "--connection-file=/c.json"))
                .contains(new KernelLaunchArguments(Path.of("/c.json"), Path.of("/k"), "abc"));
    }

    @Test
    void anyOtherFormIsLeftToPicocli() {
        assertThat(KernelLaunchArguments.of("kernel", "launch", "--help")).isEmpty();
        assertThat(KernelLaunchArguments.of("kernel", "launch", "--connection-file", "c.json")).isEmpty();
        assertThat(KernelLaunchArguments.of("kernel", "launch", "--connection-file", "c.json", "--spec-dir")).isEmpty();
        assertThat(KernelLaunchArguments.of("kernel", "launch", "--connection-file", "c.json", "--spec-dir", "k",
                "--spec-dir", "k2")).isEmpty();
        assertThat(KernelLaunchArguments.of("kernel", "launch", "--connection-file", "c.json", "--spec-dir", "k",
                "--bogus", "x")).isEmpty();
        assertThat(KernelLaunchArguments.of("kernel", "launch", "--connection-file", "--spec-dir", "k")).isEmpty();
        assertThat(KernelLaunchArguments.of("--debug", "kernel", "launch", "--connection-file", "c.json",
                "--spec-dir", "k")).isEmpty();
        assertThat(KernelLaunchArguments.of("kernel", "ls")).isEmpty();
    }

    @Test
    void aLaunchThatFailsSaysWhyInOneLineAsEveryCommandDoes() throws Exception {
        Path connection = Files.writeString(dir.resolve("kernel-1.json"), "{}");
        var result = CliRunner.withEngineDown(dir.resolve("no.sock").toString()).run("kernel", "launch",
                "--connection-file", connection.toString(), "--spec-dir", dir.resolve("missing").toString());

        assertThat(result.exitCode()).isEqualTo(Main.FAILED);
        assertThat(result.errLines()).containsExactly("capstan: cannot read kernelspec "
                + dir.resolve("missing/kernel.json") + ": " + dir.resolve("missing/kernel.json"));
    }

    @Test
    void aMistypedLaunchGetsTheUsualUsageError() {
        var result = CliRunner.withEngineDown(dir.resolve("no.sock").toString()).run("kernel", "launch",
                "--connection-file", "c.json", "--spec-dir", "k", "--bogus");

        assertThat(result.exitCode()).isEqualTo(Main.USAGE);
        assertThat(result.errLines()).containsExactly("capstan: Unknown option: '--bogus'",
                "See 'capstan kernel launch --help'.");
    }
}
