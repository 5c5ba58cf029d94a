package io.capstan.cli;

import io.capstan.core.workload.Secrets;
import picocli.CommandLine.Command;

/** {@code capstan swarm secret}: secrets services read as files. A changed secret needs a new name. */
@Command(name = "secret", description = "Store secrets for services (a secret cannot change: store a new one under a new name).",
        footer = {"", "Examples:", "  capstan swarm secret create app-secret-v1 ./app.secret", "  capstan swarm secret ls",
                "  capstan swarm secret rm app-secret-v1"},
        subcommands = {SwarmSecretCommand.Create.class, SwarmSecretCommand.Ls.class, SwarmSecretCommand.Rm.class})
final class SwarmSecretCommand {

    static StoredObjects.Kind kind(Cli cli) {
        Secrets stored = SwarmAccess.target(cli).capability(Secrets.class).orElseThrow();
        return new StoredObjects.Kind("secret", stored::createSecret, stored::secrets, stored::removeSecret);
    }

    @Command(name = "create", description = "Store a file (or, with -, standard input) as a secret.",
            footer = {"", "Examples:", "  capstan swarm secret create app-secret-v1 ./app.secret",
                    "  printf 'value' | capstan swarm secret create app-secret-v2 -"})
    static final class Create extends StoredObjects.Create {
        Create(Cli cli) {
            super(cli, SwarmSecretCommand::kind);
        }
    }

    @Command(name = "ls", description = "List the swarm's secrets (never their content).",
            footer = {"", "Example:", "  capstan swarm secret ls --format json"})
    static final class Ls extends StoredObjects.Ls {
        Ls(Cli cli) {
            super(cli, SwarmSecretCommand::kind);
        }
    }

    @Command(name = "rm", description = "Remove secrets no service uses.",
            footer = {"", "Example:", "  capstan swarm secret rm app-secret-v1"})
    static final class Rm extends StoredObjects.Rm {
        Rm(Cli cli) {
            super(cli, SwarmSecretCommand::kind);
        }
    }
}
