package io.capstan.cli;

import io.capstan.cli.output.OutputFormat;
import io.capstan.core.workload.Secrets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

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
    static final class Create implements Runnable {
        private final Cli cli;
        @Option(names = {"-l", "--label"}, paramLabel = "KEY=VALUE", description = "A label on the secret.")
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

    @Command(name = "ls", description = "List the swarm's secrets (never their content).",
            footer = {"", "Example:", "  capstan swarm secret ls --format json"})
    static final class Ls implements Runnable {
        private final Cli cli;
        @Mixin
        OutputFormat format;
        @Option(names = {"-l", "--label"}, paramLabel = "KEY=VALUE", description = "Only secrets with this label.")
        Map<String, String> labels = Map.of();

        Ls(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            StoredObjects.list(cli, kind(cli), format, labels);
        }
    }

    @Command(name = "rm", description = "Remove secrets no service uses.",
            footer = {"", "Example:", "  capstan swarm secret rm app-secret-v1"})
    static final class Rm implements Callable<Integer> {
        private final Cli cli;
        @Parameters(arity = "1..*", paramLabel = "SECRET")
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
