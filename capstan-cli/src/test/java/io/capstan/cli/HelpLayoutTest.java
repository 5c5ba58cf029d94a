package io.capstan.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command's help, as --help prints it: within 100 columns, examples unbroken, groups with examples too. */
class HelpLayoutTest {
    private static List<CommandLine> everyCommand() {
        Cli cli = new Cli(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                io.capstan.core.engine.Engines.discover());
        List<CommandLine> all = new ArrayList<>();
        ArrayDeque<CommandLine> todo = new ArrayDeque<>(List.of(Main.commandLine(cli)));
        while (!todo.isEmpty()) {
            CommandLine command = todo.pop();
            if (!command.getCommandSpec().usageMessage().hidden()) {
                all.add(command);
            }
            todo.addAll(command.getSubcommands().values());
        }
        return all;
    }

    @Test
    void everyLineFitsAHundredColumnsAndNoExampleIsBroken() {
        List<String> problems = new ArrayList<>();
        List<CommandLine> commands = everyCommand();
        for (CommandLine command : commands) {
            String name = command.getCommandSpec().qualifiedName();
            List<String> lines = command.getUsageMessage().lines().toList();
            lines.stream().filter(l -> l.length() > 100).forEach(l -> problems.add(name + ": too wide: " + l));
            for (String example : command.getCommandSpec().usageMessage().footer()) {
                if (example.strip().startsWith("capstan ") && !lines.contains(example.stripTrailing())) {
                    problems.add(name + ": example broken across lines: " + example);
                }
            }
        }
        assertThat(commands).hasSizeGreaterThan(40);
        assertThat(problems).isEmpty();
    }

    @Test
    void groupCommandsHaveExamplesToo() {
        var cli = CliRunner.withEngineDown("/nonexistent/docker.sock");
        for (String group : List.of("containers", "images", "networks", "volumes", "engine", "managed", "token", "kernel",
                "kernelspec", "swarm", "k8s")) {
            var help = cli.run(group, "--help");
            assertThat(help.exitCode()).as(group).isZero();
            assertThat(help.out()).as(group).contains("Examples:", "  capstan " + group + " ");
        }
    }
}
