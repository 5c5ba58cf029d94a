package io.capstan.cli;

import io.capstan.docker.JoinTokens;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code capstan swarm}: the engine's membership of a swarm, and the swarm's nodes, services and tasks. */
@Command(name = "swarm", description = "Run workloads on a Docker Swarm: join engines into one, and manage its services.",
        footer = {"", "Examples:",
                "  capstan swarm init --advertise-addr 127.0.0.1",
                "  capstan swarm service create --replicas 3 --endpoint-mode dnsrr web capstan-busybox:test sleep 1d",
                "  capstan swarm services",
                "  capstan swarm tasks web",
                "  capstan swarm nodes --format json"},
        subcommands = {SwarmCommand.Init.class, SwarmCommand.JoinToken.class, SwarmCommand.Join.class,
                SwarmCommand.Leave.class, SwarmLists.Nodes.class, SwarmLists.Services.class, SwarmLists.Tasks.class,
                SwarmLists.Ps.class, SwarmServiceCommand.class, SwarmNetworkCommand.class, SwarmSecretCommand.class,
                SwarmConfigCommand.class})
final class SwarmCommand {

    @Command(name = "init", description = "Make this engine the first manager of a new swarm.",
            footer = {"", "Example:", "  capstan swarm init --advertise-addr 127.0.0.1"})
    static final class Init implements Runnable {
        private final Cli cli;
        @Option(names = "--advertise-addr", paramLabel = "ADDRESS", required = true,
                description = "The address other nodes reach this one at (127.0.0.1 for a swarm of one).")
        String advertise;

        Init(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            String node = SwarmAccess.membership(cli).init(advertise);
            JoinTokens tokens = SwarmAccess.membership(cli).joinTokens();
            cli.out().println("Swarm initialized: this engine (node " + node + ") is now a manager.");
            cli.out().println("To add a worker, run on its machine:");
            cli.out().println("  " + tokens.joinCommand("worker"));
            SwarmAccess.warnWithoutRoutingMesh(cli);
        }
    }

    @Command(name = "join-token", description = "Print the command another engine joins this swarm with.",
            footer = {"", "Examples:", "  capstan swarm join-token worker", "  capstan swarm join-token -q manager"})
    static final class JoinToken implements Runnable {
        private final Cli cli;
        @Option(names = {"-q", "--quiet"}, description = "Print the token only.")
        boolean quiet;
        @Parameters(paramLabel = "ROLE", description = "worker or manager (default: worker).", defaultValue = "worker")
        Role role;

        enum Role { worker, manager }

        JoinToken(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            JoinTokens tokens = SwarmAccess.membership(cli).joinTokens();
            cli.out().println(quiet ? (role == Role.manager ? tokens.manager() : tokens.worker())
                    : tokens.joinCommand(role.name()));
        }
    }

    @Command(name = "join", description = "Join this engine to a swarm as the token says (worker or manager).",
            footer = {"", "Example:", "  capstan swarm join --token SWMTKN-1-... 10.0.0.5:2377"})
    static final class Join implements Runnable {
        private final Cli cli;
        @Option(names = "--token", paramLabel = "TOKEN", required = true, description = "From 'capstan swarm join-token'.")
        String token;
        @Option(names = "--advertise-addr", paramLabel = "ADDRESS", description = "The address other nodes reach this one at.")
        String advertise;
        @Parameters(paramLabel = "MANAGER", description = "A manager's address, HOST[:PORT] (port 2377 by default).")
        String manager;

        Join(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            SwarmAccess.membership(cli).join(manager, token, advertise);
            cli.out().println("This engine joined the swarm.");
        }
    }

    @Command(name = "leave", description = "Leave the swarm (the last manager needs --force, and ends the swarm).",
            footer = {"", "Example:", "  capstan swarm leave --force"})
    static final class Leave implements Runnable {
        private final Cli cli;
        @Option(names = {"-f", "--force"}, description = "Leave even as a manager; its services go with the swarm.")
        boolean force;

        Leave(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            SwarmAccess.membership(cli).leave(force);
            cli.out().println("This engine left the swarm.");
        }
    }
}
