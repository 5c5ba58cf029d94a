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
                io.capstan.core.engine.Engines.discover());
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
        assertThat(result.errLines()).containsExactly("capstan: --engine unix://" + dir.resolve("other.sock")
                + ": no engine answers there (no such socket); Capstan tries only the engine --engine names: start it, "
                + "or name another with --engine");
    }

    @Test
    void aDockerHostThatDoesNotAnswerIsNotReplacedByTheLocalSocket() {
        var cli = CliRunner.withEngineEnvironment(java.util.Map.of("DOCKER_HOST", "unix:///nobody.sock"));
        var info = cli.run("engine", "info");
        assertThat(info.exitCode()).isEqualTo(Main.FAILED);
        assertThat(info.out()).isEmpty();
        assertThat(info.errLines()).containsExactly("capstan: DOCKER_HOST=unix:///nobody.sock: no engine answers there "
                + "(no such socket); Capstan tries only the engine DOCKER_HOST names: start it, or unset DOCKER_HOST to "
                + "use the local one");
    }

    @Test
    void engineStartDoesNotStartALocalEngineForARemoteDockerHost() {
        var cli = CliRunner.withEngineEnvironment(java.util.Map.of("DOCKER_HOST", "tcp://127.0.0.1:1"));
        var start = cli.run("engine", "start");
        assertThat(start.exitCode()).isEqualTo(Main.FAILED);
        assertThat(start.errLines()).singleElement().asString()
                .startsWith("capstan: DOCKER_HOST=tcp://127.0.0.1:1: no engine answers there;")
                .endsWith("('capstan engine start' starts only the local Docker engine, unix:///var/run/docker.sock)");
    }
}
