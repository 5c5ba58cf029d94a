package io.capstan.cli;

import io.capstan.cli.output.OutputFormat;
import io.capstan.core.workload.Configs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code capstan swarm config}: configs services read as files. A changed config needs a new name. */
@Command(name = "config", description = "Store configs for services (a config cannot change: store a new one under a new name).",
        footer = {"", "Examples:", "  capstan swarm config create app-config-v1 ./app.config", "  capstan swarm config ls",
                "  capstan swarm config rm app-config-v1"},
        subcommands = {SwarmConfigCommand.Create.class, SwarmConfigCommand.Ls.class, SwarmConfigCommand.Rm.class})
final class SwarmConfigCommand {

    static StoredObjects.Kind kind(Cli cli) {
        Configs stored = SwarmAccess.target(cli).capability(Configs.class).orElseThrow();
        return new StoredObjects.Kind("config", stored::createConfig, stored::configs, stored::removeConfig);
    }

    @Command(name = "create", description = "Store a file (or, with -, standard input) as a config.",
            footer = {"", "Examples:", "  capstan swarm config create app-config-v1 ./app.config",
                    "  printf 'value' | capstan swarm config create app-config-v2 -"})
    static final class Create implements Runnable {
        private final Cli cli;
        @Option(names = {"-l", "--label"}, paramLabel = "KEY=VALUE", description = "A label on the config.")
        Map<String, String> labels = Map.of();
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Parameters(index = "1", paramLabel = "FILE", description = "The file to store, or - for standard input.")
        String file;

        Create(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            StoredObjects.create(cli, kind(cli), name, file, labels);
        }
    }

    @Command(name = "ls", description = "List the swarm's configs (never their content).",
            footer = {"", "Example:", "  capstan swarm config ls --format json"})
    static final class Ls implements Runnable {
        private final Cli cli;
        @Mixin
        OutputFormat format;
        @Option(names = {"-l", "--label"}, paramLabel = "KEY=VALUE", description = "Only configs with this label.")
        Map<String, String> labels = Map.of();

        Ls(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            StoredObjects.list(cli, kind(cli), format, labels);
        }
    }

    @Command(name = "rm", description = "Remove configs no service uses.",
            footer = {"", "Example:", "  capstan swarm config rm app-config-v1"})
    static final class Rm implements Callable<Integer> {
        private final Cli cli;
        @Parameters(arity = "1..*", paramLabel = "CONFIG")
        List<String> names;

        Rm(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            return StoredObjects.remove(cli, kind(cli), names);
        }
    }
}
