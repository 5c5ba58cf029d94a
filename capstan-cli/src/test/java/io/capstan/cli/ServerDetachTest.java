package io.capstan.cli;

import io.capstan.core.engine.Engines;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code capstan server --detach} runs the server again in the background with every option this run was given:
 * each option of {@code server}, whatever it is, is set to a value other than its default, and the child's
 * arguments must parse back to the same values.
 */
class ServerDetachTest {
    private static final String PASSWORD = "s3cret-pw";

    private static CommandLine tree() {
        Cli cli = new Cli(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                Engines.of());
        return Main.commandLine(cli, ServerCommand.NAME);
    }

    private static CommandLine server(CommandLine tree) {
        return tree.getSubcommands().get(ServerCommand.NAME);
    }

    @Test
    void everyOptionIsPassedOnAndThePasswordOnlyThroughTheEnvironment() {
        CommandLine parent = tree();
        List<String> args = new ArrayList<>(List.of("--engine", "unix:///srv/engine.sock", "--debug", ServerCommand.NAME));
        int n = 0;
        for (OptionSpec option : server(parent).getCommandSpec().options()) {
            String name = option.longestName();
            if (option.usageHelp() || name.equals("--stop")) {
                continue;
            }
            args.add(name);
            if (!option.typeInfo().isBoolean()) {
                args.add(name.equals("--db-password") ? PASSWORD : valueOtherThanTheDefault(option, n++));
            }
        }
        parent.parseArgs(args.toArray(String[]::new));
        ServerCommand detaching = server(parent).getCommand();
        assertThat(detaching.detach).isTrue();

        Relaunch child = detaching.relaunch();
        assertThat(child.arguments()).doesNotContain("--detach").noneMatch(a -> a.contains(PASSWORD));
        assertThat(child.environment()).containsExactly(Map.entry("PGPASSWORD", PASSWORD));
        assertThat(child.arguments().subList(0, 3))
                .containsExactlyInAnyOrder("--engine=unix:///srv/engine.sock", "--debug", ServerCommand.NAME);

        CommandLine reparsed = tree();
        reparsed.parseArgs(child.arguments().toArray(String[]::new));
        ServerCommand background = server(reparsed).getCommand();
        assertThat(background.detach).as("the child runs in the foreground").isFalse();
        assertThat(background.dbPassword).isNull();
        for (OptionSpec option : server(parent).getCommandSpec().options()) {
            String name = option.longestName();
            if (option.usageHelp() || List.of("--detach", "--db-password").contains(name)) {
                continue;
            }
            assertThat((Object) server(reparsed).getCommandSpec().findOption(name).getValue())
                    .as("%s is passed on", name).isEqualTo(option.getValue());
        }
    }

    @Test
    void defaultsAreResolvedHereSoTheChildCannotResolveThemDifferently() {
        CommandLine parent = tree();
        parent.parseArgs(ServerCommand.NAME, "--detach");
        List<String> arguments = server(parent).<ServerCommand>getCommand().relaunch().arguments();
        assertThat(arguments).contains("--port=8000", "--resync-interval=30").doesNotContain("--engine", "--debug");
    }

    /** A value picocli accepts for the option's type, different from its default and from the other options'. */
    private static String valueOtherThanTheDefault(OptionSpec option, int n) {
        Class<?> type = option.type();
        if (type == int.class || type == Integer.class || type == long.class) {
            return String.valueOf(4321 + n);
        }
        if (type == double.class || type == Double.class) {
            return String.valueOf(12.5 + n);
        }
        if (type.isEnum()) {
            List<String> constants = option.typeInfo().getEnumConstantNames();
            return constants.stream().filter(c -> !c.equals(option.defaultValue())).findFirst().orElseThrow();
        }
        return "/srv/value-" + n; // strings and paths
    }
}
