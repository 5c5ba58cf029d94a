package io.capstan.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line without an engine: help, version, usage errors and an engine that is down. */
class CliTest {
    @TempDir
    Path dir;

    private CliRunner down() {
        return CliRunner.withEngineDown(dir.resolve("docker.sock").toString());
    }

    @Test
    void versionAndHelp() {
        var version = down().run("--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).startsWith("capstan 0.").contains("Java");

        var help = down().run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("engine", "images", "containers", "networks", "volumes", "Examples:");

        var runHelp = down().run("containers", "run", "--help");
        assertThat(runHelp.out()).contains("--publish", "--memory", "--cpus", "--attach", "Example");
    }

    @Test
    void everyCommandHasHelpWithAnExample() {
        var cli = new Cli(new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(new java.io.StringWriter()),
                io.capstan.docker.EngineLocator.fromEnvironment());
        java.util.List<String> withoutExample = new java.util.ArrayList<>();
        java.util.ArrayDeque<picocli.CommandLine> todo = new java.util.ArrayDeque<>(java.util.List.of(Main.commandLine(cli)));
        int leaves = 0;
        while (!todo.isEmpty()) {
            picocli.CommandLine command = todo.pop();
            if (command.getSubcommands().isEmpty() && !command.getCommandSpec().usageMessage().hidden()) {
                leaves++;
                String usage = command.getUsageMessage();
                if (!usage.contains("Example") || !usage.contains("--help")) {
                    withoutExample.add(command.getCommandSpec().qualifiedName());
                }
            }
            todo.addAll(command.getSubcommands().values());
        }
        assertThat(leaves).isGreaterThan(25);
        assertThat(withoutExample).isEmpty();
    }

    @Test
    void usageErrorsExitTwoAndPointAtHelp() {
        var missingImage = down().run("containers", "run");
        assertThat(missingImage.exitCode()).isEqualTo(Main.USAGE);
        assertThat(missingImage.errLines()).containsExactly(
                "capstan: Missing required parameter: 'IMAGE'", "See 'capstan containers run --help'.");

        var unknown = down().run("containers", "frobnicate");
        assertThat(unknown.exitCode()).isEqualTo(Main.USAGE);
        assertThat(unknown.err()).contains("Unmatched argument", "frobnicate");
    }

    @Test
    void badValuesAreOneLineAndNeverReachTheEngine() {
        var memory = down().run("containers", "run", "-m", "12xyz", "img");
        assertThat(memory.exitCode()).isEqualTo(Main.FAILED);
        assertThat(memory.errLines()).singleElement().asString()
                .startsWith("capstan: invalid memory value '12xyz'");

        var port = down().run("containers", "create", "-p", "99999:80", "img");
        assertThat(port.errLines()).singleElement().asString().contains("'99999:80'");

        var restart = down().run("containers", "run", "--restart", "sometimes", "img");
        assertThat(restart.errLines()).singleElement().asString().contains("invalid restart policy 'sometimes'");

        var cpus = down().run("containers", "update", "--cpus", "lots", "web");
        assertThat(cpus.errLines()).singleElement().asString().contains("invalid CPU value 'lots'");
    }

    @Test
    void engineDownIsOneLineSayingWhereItLookedAndWhatToDo() {
        var result = down().run("containers", "ls");
        assertThat(result.exitCode()).isEqualTo(Main.FAILED);
        assertThat(result.errLines()).singleElement().asString()
                .startsWith("capstan: no container engine answered; tried Docker socket unix://" + dir.resolve("docker.sock"))
                .contains("(no such socket)", "capstan engine start");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void explicitEngineThatIsDownIsNotReplacedByAnother() {
        var result = CliRunner.withEnvironmentEngine().run("--engine", dir.resolve("other.sock").toString(), "engine", "info");
        assertThat(result.exitCode()).isEqualTo(Main.FAILED);
        assertThat(result.err()).contains("tried --engine unix://" + dir.resolve("other.sock") + " (no such socket)")
                .doesNotContain("Docker socket");
    }
}
