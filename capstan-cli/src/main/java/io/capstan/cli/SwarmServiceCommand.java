package io.capstan.cli;

import io.capstan.cli.output.Json;
import io.capstan.cli.output.OutputFormat;
import io.capstan.core.engine.LogOptions;
import io.capstan.core.engine.Subscription;
import io.capstan.core.error.InvalidSpecException;
import io.capstan.core.label.Labels;
import io.capstan.core.model.LogLine;
import io.capstan.core.spec.Resources;
import io.capstan.core.workload.WorkloadPort;
import io.capstan.core.workload.WorkloadResources;
import io.capstan.core.workload.WorkloadSpec;
import io.capstan.core.workload.WorkloadStatus;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code capstan swarm service}: one service's lifecycle. */
@Command(name = "service", description = "Create, change and remove one swarm service.",
        footer = {"", "Examples:",
                "  capstan swarm service create --replicas 3 --endpoint-mode dnsrr web capstan-busybox:test sleep 1d",
                "  capstan swarm service update --env-add MODE=prod --update-parallelism 1 web",
                "  capstan swarm service scale web=5",
                "  capstan swarm service rollback web",
                "  capstan swarm service rm web"},
        subcommands = {SwarmServiceCommand.Create.class, SwarmServiceCommand.Inspect.class, SwarmServiceCommand.Update.class,
                SwarmServiceCommand.Scale.class, SwarmServiceCommand.Rollback.class, SwarmServiceCommand.Rm.class,
                SwarmServiceCommand.Logs.class})
final class SwarmServiceCommand {

    /** The service, when Capstan created it: the commands that change a service leave others' alone. */
    static WorkloadStatus owned(Cli cli, String name) {
        WorkloadStatus status = SwarmAccess.target(cli).inspect(name);
        Ownership.require("service", name, status.labels());
        return status;
    }

    /** {@code -d} and {@code --timeout}: return at once, or wait until the replicas run. */
    static final class Waiting {
        @Option(names = {"-d", "--detach"}, description = "Return once Swarm accepted it, without waiting for the replicas.")
        boolean detach;
        @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2m",
                description = "How long to wait for the replicas to run (default: 2m).")
        String timeout;

        void await(Cli cli, String name, boolean rollback) {
            await(cli, name, rollback, false);
        }

        /** {@code replacing}: the call changed the spec, so Swarm is about to start an update of its own. */
        void await(Cli cli, String name, boolean rollback, boolean replacing) {
            if (detach) {
                return;
            }
            try {
                Convergence.await(SwarmAccess.target(cli), name, WorkloadOptions.duration("--timeout", timeout), rollback,
                        replacing, cli.out());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Command(name = "create", description = "Create a service and wait until its replicas run.",
            footer = {"", "Examples:",
                    "  capstan swarm service create --replicas 3 --endpoint-mode dnsrr web capstan-busybox:test sleep 1d",
                    "  capstan swarm service create -p 8080:80@host --endpoint-mode dnsrr site capstan-busybox:test \\",
                    "      httpd -f -p 80 -h /"})
    static final class Create implements Runnable {
        private final Cli cli;
        @Mixin
        WorkloadOptions options;
        @Mixin
        Waiting waiting;
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Parameters(index = "1", paramLabel = "IMAGE")
        String image;
        @Parameters(index = "2..*", paramLabel = "COMMAND", description = "The command and its arguments (default: the image's).")
        List<String> command = List.of();

        Create(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            WorkloadSpec spec = options.toSpec(name, image, command);
            spec = spec.toBuilder().label(Labels.OWNER, "true").build();
            if (spec.endpointMode() == WorkloadSpec.EndpointMode.VIP
                    || spec.ports().stream().anyMatch(p -> p.mode() == WorkloadPort.Mode.INGRESS)) {
                SwarmAccess.warnWithoutRoutingMesh(cli);
            }
            WorkloadStatus created = SwarmAccess.target(cli).create(spec);
            cli.out().println(created.id());
            waiting.await(cli, name, false);
        }
    }

    @Command(name = "inspect", description = "Show a service: its spec, replicas and tasks.",
            footer = {"", "Example:", "  capstan swarm service inspect web --format json"})
    static final class Inspect implements Runnable {
        private final Cli cli;
        @Mixin
        OutputFormat format;
        @Parameters(paramLabel = "SERVICE")
        String name;

        Inspect(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            WorkloadStatus status = SwarmAccess.target(cli).inspect(name);
            if (format.json()) {
                Json.print(cli.out(), status);
                return;
            }
            WorkloadSpec spec = status.spec();
            var out = cli.out();
            out.println("ID:        " + status.id());
            out.println("Name:      " + spec.name());
            out.println("Image:     " + spec.image() + (spec.command().isEmpty() ? "" : "  " + String.join(" ", spec.command())));
            out.println("Mode:      " + SwarmLists.mode(spec) + ", " + status.running() + "/" + status.desired() + " running");
            out.println("Endpoint:  " + spec.endpointMode().name().toLowerCase(java.util.Locale.ROOT)
                    + (spec.ports().isEmpty() ? "" : ", ports " + spec.ports().stream().map(WorkloadPort::toString)
                    .collect(Collectors.joining(", "))));
            if (!spec.env().isEmpty()) {
                out.println("Env:       " + spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .sorted().collect(Collectors.joining(" ")));
            }
            if (!spec.networks().isEmpty()) {
                out.println("Networks:  " + String.join(", ", spec.networks()));
            }
            out.println("Update:    parallelism " + spec.update().parallelism() + ", delay "
                    + spec.update().delay().toSeconds() + "s, " + spec.update().order().name().toLowerCase(java.util.Locale.ROOT)
                    .replace('_', '-') + ", on failure " + spec.update().failureAction().name().toLowerCase(java.util.Locale.ROOT)
                    + (status.updateState().isEmpty() ? "" : " (last: " + status.updateState().replace('_', ' ') + ")"));
            out.println("Restart:   " + spec.restart().condition().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            out.println();
            SwarmLists.printTasks(cli, format, List.of(status), false);
        }
    }

    @Command(name = "update", description = "Change a service; its replicas are replaced as its update settings say.",
            footer = {"", "Examples:",
                    "  capstan swarm service update --image capstan-busybox:test --update-parallelism 2 web",
                    "  capstan swarm service update --env-add MODE=prod --env-rm DEBUG web"})
    static final class Update implements Runnable {
        private final Cli cli;
        @Option(names = "--image", paramLabel = "IMAGE", description = "The new image.")
        String image;
        @Option(names = "--env-add", paramLabel = "KEY=VALUE", description = "Add or change an environment variable.")
        List<String> envAdd = List.of();
        @Option(names = "--env-rm", paramLabel = "KEY", description = "Remove an environment variable.")
        List<String> envRm = List.of();
        @Option(names = "--replicas", paramLabel = "N", description = "Replicas to run.")
        Integer replicas;
        @Option(names = "--limit-cpu", paramLabel = "CPUS", description = "CPUs per replica at most (0: no limit).")
        String limitCpu;
        @Option(names = "--limit-memory", paramLabel = "BYTES", description = "Memory per replica at most (0: no limit).")
        String limitMemory;
        @ArgGroup(exclusive = false)
        WorkloadOptions.UpdateOptions update = new WorkloadOptions.UpdateOptions();
        @Mixin
        Waiting waiting;
        @Parameters(paramLabel = "SERVICE")
        String name;

        Update(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            var target = SwarmAccess.target(cli);
            WorkloadSpec current = owned(cli, name).spec();
            Map<String, String> env = new LinkedHashMap<>(current.env());
            envRm.forEach(env::remove);
            env.putAll(EnvAssignments.parse(envAdd, System.getenv()));
            WorkloadSpec.Builder changed = current.toBuilder().env(env).update(update.applyTo(current.update()));
            if (image != null) {
                changed.image(image);
            }
            if (replicas != null) {
                if (current.mode() == WorkloadSpec.Mode.GLOBAL) {
                    throw new InvalidSpecException("service '" + name + "' is global (one replica on every node): "
                            + "--replicas applies to replicated services only");
                }
                changed.replicas(replicas);
            }
            if (limitCpu != null || limitMemory != null) {
                Resources limits = current.resources().limits();
                long cpu = limitCpu == null ? limits.nanoCpus() : Resources.parse(limitCpu, null).nanoCpus();
                long memory = limitMemory == null ? limits.memoryBytes() : Resources.parse(null, limitMemory).memoryBytes();
                changed.resources(new WorkloadResources(new Resources(cpu, memory), current.resources().reservations()));
            }
            target.update(changed.build());
            cli.out().println(name);
            waiting.await(cli, name, false, true);
        }
    }

    @Command(name = "scale", description = "Change how many replicas services run.",
            footer = {"", "Example:", "  capstan swarm service scale web=5 worker=2"})
    static final class Scale implements Runnable {
        private final Cli cli;
        @Mixin
        Waiting waiting;
        @Parameters(arity = "1..*", paramLabel = "SERVICE=REPLICAS")
        List<String> assignments;

        Scale(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            Map<String, Integer> wanted = new LinkedHashMap<>();
            for (String assignment : assignments) {
                int eq = assignment.indexOf('=');
                if (eq <= 0 || !assignment.substring(eq + 1).matches("\\d{1,6}")) {
                    throw new InvalidSpecException("invalid scale '" + assignment
                            + "': expected SERVICE=REPLICAS with a whole number, such as web=3");
                }
                wanted.put(assignment.substring(0, eq), Integer.parseInt(assignment.substring(eq + 1)));
            }
            var target = SwarmAccess.target(cli);
            wanted.keySet().forEach(service -> owned(cli, service));
            wanted.forEach((service, replicas) -> {
                target.scale(service, replicas);
                cli.out().println(service + " scaled to " + replicas);
            });
            wanted.keySet().forEach(service -> waiting.await(cli, service, false));
        }
    }

    @Command(name = "rollback", description = "Return a service to its spec before the last update.",
            footer = {"", "Example:", "  capstan swarm service rollback web"})
    static final class Rollback implements Runnable {
        private final Cli cli;
        @Mixin
        Waiting waiting;
        @Parameters(paramLabel = "SERVICE")
        String name;

        Rollback(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            owned(cli, name);
            SwarmAccess.target(cli).rollback(name);
            cli.out().println(name);
            waiting.await(cli, name, true, true);
        }
    }

    @Command(name = "rm", description = "Remove services; their replicas stop.",
            footer = {"", "Example:", "  capstan swarm service rm web worker"})
    static final class Rm implements Callable<Integer> {
        private final Cli cli;
        @Parameters(arity = "1..*", paramLabel = "SERVICE")
        List<String> names = new ArrayList<>();

        Rm(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            return EachRef.apply(cli, names, name -> {
                owned(cli, name);
                SwarmAccess.target(cli).remove(name);
            });
        }
    }

    @Command(name = "logs", description = "Print the output of all of a service's replicas.",
            footer = {"", "Examples:", "  capstan swarm service logs web", "  capstan swarm service logs -f --tail 20 web"})
    static final class Logs implements Runnable {
        private final Cli cli;
        @Option(names = {"-f", "--follow"}, description = "Keep printing new output until interrupted.")
        boolean follow;
        @Option(names = {"-n", "--tail"}, paramLabel = "N", defaultValue = "-1", description = "Only the last N lines of each replica.")
        int tail;
        @Option(names = {"-t", "--timestamps"}, description = "Prefix each line with its timestamp.")
        boolean timestamps;
        @Parameters(paramLabel = "SERVICE")
        String name;

        Logs(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            try (Subscription logs = SwarmAccess.target(cli).logs(name, new LogOptions(follow, tail, timestamps), line ->
                    (line.stream() == LogLine.Stream.STDERR ? cli.err() : cli.out()).println(line.text()))) {
                logs.awaitCompletion(Duration.ofDays(365));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
