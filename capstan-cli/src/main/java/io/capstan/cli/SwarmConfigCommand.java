package io.capstan.cli;

import io.capstan.core.workload.Configs;
import picocli.CommandLine.Command;

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
    static final class Create extends StoredObjects.Create {
        Create(Cli cli) {
            super(cli, SwarmConfigCommand::kind);
        }
    }

    @Command(name = "ls", description = "List the swarm's configs (never their content).",
            footer = {"", "Example:", "  capstan swarm config ls --format json"})
    static final class Ls extends StoredObjects.Ls {
        Ls(Cli cli) {
            super(cli, SwarmConfigCommand::kind);
        }
    }

    @Command(name = "rm", description = "Remove configs no service uses.",
            footer = {"", "Example:", "  capstan swarm config rm app-config-v1"})
    static final class Rm extends StoredObjects.Rm {
        Rm(Cli cli) {
            super(cli, SwarmConfigCommand::kind);
        }
    }
}
