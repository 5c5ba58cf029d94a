package io.capstan.cli;

import io.capstan.cli.output.Json;
import io.capstan.cli.output.OutputFormat;
import io.capstan.cli.output.StatsCells;
import io.capstan.cli.output.Table;
import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.engine.ContainerOperations;
import io.capstan.core.engine.LiveResourceUpdate;
import io.capstan.core.engine.LogOptions;
import io.capstan.core.engine.OneShotStats;
import io.capstan.core.engine.Subscription;
import io.capstan.core.error.CapstanException;
import io.capstan.core.error.InvalidSpecException;
import io.capstan.core.label.Labels;
import io.capstan.core.model.ContainerInfo;
import io.capstan.core.model.ContainerStats;
import io.capstan.core.model.ContainerStatus;
import io.capstan.core.model.ContainerSummary;
import io.capstan.core.model.LogLine;
import io.capstan.core.spec.ContainerSpec;
import io.capstan.core.spec.PortMapping;
import io.capstan.core.spec.Resources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

@Command(name = "containers", description = "Create, run and manage containers.",
        footer = {"", "Examples:",
                "  capstan containers run --name web -p 18080:80 capstan-busybox:test httpd -f -p 80 -h /",
                "  capstan containers ls -a",
                "  capstan containers exec web ls /",
                "  capstan containers rm -f web"},
        subcommands = {ContainersCommand.Create.class, ContainersCommand.Run.class, ContainersCommand.Start.class,
                ContainersCommand.Stop.class, ContainersCommand.Restart.class, ContainersCommand.Kill.class,
                ContainersCommand.Rm.class, ContainersCommand.Ls.class, ContainersCommand.Inspect.class,
                ContainersCommand.Logs.class, ContainersCommand.Stats.class, ContainersCommand.Update.class,
                ContainerExec.class})
final class ContainersCommand {

    /** Refuses {@code ref} unless Capstan created it; returns it for use in the next call. */
    static String owned(Cli cli, String ref) {
        Ownership.require("container", ref, cli.engine().containers().inspect(ref).labels());
        return ref;
    }

    static String ports(List<PortMapping> ports) {
        return ports.stream().map(PortMapping::toString).collect(Collectors.joining(", "));
    }

    @Command(name = "create", description = "Create a container without starting it; prints its name (the engine's, without --name).",
            footer = {"", "Example:", "  capstan containers create --name cache -m 64m capstan-busybox:test sleep 3600"})
    static final class Create implements Runnable {
        private final Cli cli;
        @Mixin
        ContainerSpecOptions options;

        Create(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            ContainerSpec spec = options.toSpec();
            List<String> volumes = NamedVolumes.createMissing(cli.engine(), spec);
            try {
                String id = cli.engine().containers().create(spec);
                cli.out().println(spec.name() != null && !spec.name().isBlank() ? spec.name()
                        : cli.engine().containers().inspect(id).name());
            } catch (CapstanException e) {
                NamedVolumes.remove(cli.engine(), volumes);
                throw e;
            }
        }
    }

    @Command(name = "run", description = {
            "Create and start a container. It runs in the background and the command returns once it is running "
                    + "(-d is accepted for docker habits); with --attach it streams the output and exits with the "
                    + "container's exit code.",
            "With -i your input is its input, to the end; with -t it gets a terminal (yours goes to raw mode while it "
                    + "runs). Either attaches, as docker run -it does.",
            "If the container cannot start (a port in use, say), it is removed again: nothing is left half made."},
            footer = {"", "Examples:",
                    "  capstan containers run --name web -p 18080:80 capstan-busybox:test httpd -f -p 80 -h /",
                    "  capstan containers run --attach --rm capstan-busybox:test echo hello",
                    "  capstan containers run -it --rm capstan-busybox:test sh",
                    "  echo hello | capstan containers run -i --rm capstan-busybox:test cat"})
    static final class Run implements Callable<Integer> {
        private final Cli cli;
        @Mixin
        ContainerSpecOptions options;

        @Option(names = {"-d", "--detach"}, description = "Run in the background (the default).")
        boolean detach;

        @Option(names = {"-a", "--attach"}, description = "Stream the output and wait for the container to exit.")
        boolean attach;

        @Option(names = {"-i", "--interactive"},
                description = "Pass standard input to the container, to its end (attaches, as --attach).")
        boolean interactive;

        @Option(names = {"-t", "--tty"},
                description = "Give the container a terminal; with -i it needs one on standard input (attaches).")
        boolean tty;

        @Option(names = "--rm", description = "Remove the container when it exits (in the background too).")
        boolean remove;

        Run(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() throws InterruptedException {
            AttachedRun streams = interactive || tty ? new AttachedRun(interactive, tty) : null;
            if ((attach || streams != null) && detach) {
                throw new InvalidSpecException((attach ? "--attach" : interactive ? "-i" : "-t")
                        + " and --detach exclude each other");
            }
            if (streams != null) {
                streams.check();
            }
            // In the background the engine removes it; attached, Capstan does, after reading the exit code.
            ContainerSpec spec = options.toSpec(remove && !attach && streams == null, interactive, tty);
            var containers = cli.engine().containers();
            List<String> volumes = NamedVolumes.createMissing(cli.engine(), spec);
            String id = null;
            try {
                id = containers.create(spec);
                if (streams == null) {
                    containers.start(spec.name() != null ? spec.name() : id);
                } else {
                    // attach starts it once connected, so none of its output is lost
                    int code = streams.run(cli, containers, id, remove);
                    if (remove) {
                        containers.remove(id, true, true);
                    }
                    return code;
                }
            } catch (CapstanException e) {
                // Attached, it may have run before the connection failed: then it stays, unless --rm.
                if (id == null || streams == null || remove || neverStarted(containers, id)) {
                    if (id != null) {
                        AttachedRun.removeUnlessGone(containers, id);
                    }
                    NamedVolumes.remove(cli.engine(), volumes);
                }
                throw e;
            }
            if (!attach) {
                ContainerInfo running = containers.inspect(id);
                cli.out().println(running.name() + " " + running.shortId() + " " + running.status()
                        + (running.ports().isEmpty() ? "" : " " + ports(running.ports())));
                return 0;
            }
            try (Subscription logs = containers.logs(id, new LogOptions(true, -1, false), line ->
                    (line.stream() == LogLine.Stream.STDERR ? cli.err() : cli.out()).println(line.text()))) {
                logs.awaitCompletion(Duration.ofDays(365));
            }
            ContainerInfo exited = containers.inspect(id);
            if (remove) {
                containers.remove(id, true, true);
            }
            return exited.exitCode();
        }

        private static boolean neverStarted(ContainerOperations containers, String id) {
            return containers.inspect(id).status() == ContainerStatus.CREATED;
        }
    }

    /** A verb applied to each named container Capstan created, reporting each one as docker does. */
    abstract static class EachOwnedContainer implements Callable<Integer> {
        protected final Cli cli;
        @Parameters(arity = "1..*", paramLabel = "CONTAINER")
        List<String> refs;

        EachOwnedContainer(Cli cli) {
            this.cli = cli;
        }

        /** Validates the options before anything is touched. */
        void check() {
        }

        abstract void apply(ContainerOperations containers, String ref);

        @Override
        public Integer call() {
            check();
            return EachRef.apply(cli, refs, ref -> apply(cli.engine().containers(), owned(cli, ref)));
        }
    }

    @Command(name = "start", description = "Start containers Capstan created.",
            footer = {"", "Example:", "  capstan containers start web"})
    static final class Start extends EachOwnedContainer {
        Start(Cli cli) {
            super(cli);
        }

        @Override
        void apply(ContainerOperations containers, String ref) {
            containers.start(ref);
        }
    }

    @Command(name = "stop", description = "Stop containers: SIGTERM, then SIGKILL after the grace period.",
            footer = {"", "Example:", "  capstan containers stop -t 2 web worker"})
    static final class Stop extends EachOwnedContainer {
        @Option(names = {"-t", "--time"}, paramLabel = "SECONDS", defaultValue = "10",
                description = "Seconds to wait before killing (default: 10).")
        int seconds;

        Stop(Cli cli) {
            super(cli);
        }

        @Override
        void apply(ContainerOperations containers, String ref) {
            containers.stop(ref, Duration.ofSeconds(seconds));
        }
    }

    @Command(name = "restart", description = "Restart containers.",
            footer = {"", "Example:", "  capstan containers restart web"})
    static final class Restart extends EachOwnedContainer {
        @Option(names = {"-t", "--time"}, paramLabel = "SECONDS", defaultValue = "10",
                description = "Seconds to wait before killing (default: 10).")
        int seconds;

        Restart(Cli cli) {
            super(cli);
        }

        @Override
        void apply(ContainerOperations containers, String ref) {
            containers.restart(ref, Duration.ofSeconds(seconds));
        }
    }

    @Command(name = "kill", description = "Send a signal to containers' main process.",
            footer = {"", "Example:", "  capstan containers kill -s TERM web"})
    static final class Kill extends EachOwnedContainer {
        @Option(names = {"-s", "--signal"}, defaultValue = "KILL", description = "Signal (default: KILL).")
        String signal;

        Kill(Cli cli) {
            super(cli);
        }

        @Override
        void apply(ContainerOperations containers, String ref) {
            containers.kill(ref, signal);
        }
    }

    @Command(name = "rm", description = "Remove containers.",
            footer = {"", "Example:", "  capstan containers rm -f web"})
    static final class Rm extends EachOwnedContainer {
        @Option(names = {"-f", "--force"}, description = "Remove running containers too (they are killed).")
        boolean force;
        @Option(names = {"-v", "--volumes"}, description = "Also remove their anonymous volumes.")
        boolean volumes;

        Rm(Cli cli) {
            super(cli);
        }

        @Override
        void apply(ContainerOperations containers, String ref) {
            containers.remove(ref, force, volumes);
        }
    }

    @Command(name = "ls", aliases = "ps", description = "List Capstan's running containers (-a: stopped ones too).",
            footer = {"", "Example:", "  capstan containers ls -a --label tier=web --format json"})
    static final class Ls implements Runnable {
        private final Cli cli;
        @Mixin
        OutputFormat format;
        @Option(names = {"-a", "--all"}, description = "Include stopped containers.")
        boolean all;
        @Option(names = {"-l", "--label"}, paramLabel = "KEY[=VALUE]", description = "Only containers with this label.")
        List<String> labels = new ArrayList<>();
        @Option(names = "--foreign", description = "Include containers Capstan did not create.")
        boolean foreign;
        @Option(names = {"-q", "--quiet"}, description = "Print only the container ids.")
        boolean quiet;
        @Option(names = {"-f", "--filter"}, paramLabel = "KEY=VALUE",
                description = "Only containers matching: label=KEY[=VALUE], name=PART, status=running|exited|created|..., id=PREFIX.")
        List<String> filters = new ArrayList<>();

        Ls(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            Map<String, String> filter = new LinkedHashMap<>();
            if (!foreign) {
                filter.putAll(Labels.owned());
            }
            List<String> labelFilters = new ArrayList<>(labels);
            ListFilters matching = ListFilters.parse(filters);
            labelFilters.addAll(matching.labels());
            for (String label : labelFilters) {
                int eq = label.indexOf('=');
                filter.put(eq < 0 ? label : label.substring(0, eq), eq < 0 ? "" : label.substring(eq + 1));
            }
            List<ContainerSummary> list = cli.engine().containers().list(new ContainerFilter(all || matching.needsAll(), filter, null))
                    .stream().filter(matching::matches).toList();
            if (quiet) {
                list.forEach(c -> cli.out().println(c.shortId()));
                return;
            }
            if (format.json()) {
                Json.print(cli.out(), list);
                return;
            }
            Table table = Table.of("CONTAINER ID", "NAME", "IMAGE", "STATUS", "PORTS");
            list.forEach(c -> table.row(c.shortId(), c.name(), c.image(), c.statusText(), ports(c.ports())));
            table.print(cli.out());
        }
    }

    @Command(name = "inspect", description = "Show containers in detail, as JSON.",
            footer = {"", "Example:", "  capstan containers inspect web"})
    static final class Inspect implements Runnable {
        private final Cli cli;
        @Parameters(arity = "1..*", paramLabel = "CONTAINER")
        List<String> refs;

        Inspect(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            List<ContainerInfo> infos = refs.stream().map(r -> cli.engine().containers().inspect(r)).toList();
            Json.print(cli.out(), infos);
        }
    }

    @Command(name = "logs", description = "Print a container's output (stderr lines go to stderr).",
            footer = {"", "Examples:", "  capstan containers logs -f --tail 20 web", "  capstan containers logs --since 10m -t web"})
    static final class Logs implements Runnable {
        private final Cli cli;
        @Option(names = {"-f", "--follow"}, description = "Keep printing new output until the container stops.")
        boolean follow;
        @Option(names = {"-n", "--tail"}, paramLabel = "N", defaultValue = "-1", description = "Only the last N lines.")
        int tail;
        @Option(names = {"-t", "--timestamps"}, description = "Prefix each line with its timestamp.")
        boolean timestamps;
        @Option(names = "--since", paramLabel = "TIME",
                description = "Only lines from then on: a timestamp (2024-05-01T10:00:00Z), a date, Unix seconds, or a time ago (10m).")
        String since;
        @Option(names = "--until", paramLabel = "TIME", description = "Only lines before then (as --since).")
        String until;
        @Parameters(paramLabel = "CONTAINER")
        String ref;

        Logs(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            Instant now = Instant.now();
            LogOptions options = new LogOptions(follow, tail, timestamps,
                    since == null ? null : TimeArgument.parse("--since", since, now),
                    until == null ? null : TimeArgument.parse("--until", until, now));
            try (Subscription logs = cli.engine().containers().logs(ref, options, line ->
                    (line.stream() == LogLine.Stream.STDERR ? cli.err() : cli.out()).println(line.text()))) {
                logs.awaitCompletion(Duration.ofDays(365));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Command(name = "stats", description = "One sample of CPU, memory, network and disk use per running container.",
            footer = {"", "Example:", "  capstan containers stats web --format json"})
    static final class Stats implements Callable<Integer> {
        private final Cli cli;
        @Mixin
        OutputFormat format;
        @Option(names = "--foreign", description = "Include containers Capstan did not create (when none are named).")
        boolean foreign;
        @Option(names = "--no-stream", description = "One sample and exit: what stats always does (accepted for docker habits).")
        boolean noStream;
        @Parameters(arity = "0..*", paramLabel = "CONTAINER", description = "Containers to sample (default: all running).")
        List<String> refs = new ArrayList<>();

        Stats(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() throws Exception {
            var containers = cli.engine().containers();
            List<String> targets = new ArrayList<>(refs);
            Map<String, String> names = new LinkedHashMap<>();
            if (targets.isEmpty()) {
                var filter = new ContainerFilter(false, foreign ? Map.of() : Labels.owned(), null);
                containers.list(filter).forEach(c -> {
                    targets.add(c.id());
                    names.put(c.id(), c.name());
                });
            }
            OneShotStats stats = cli.engine().require(OneShotStats.class, "report container stats");
            // Each sample takes the engine about a second (it measures CPU over an interval): take them together.
            List<ContainerStats> samples = new ArrayList<>();
            int code = 0;
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<ContainerStats>> futures = targets.stream()
                        .map(ref -> pool.submit(() -> stats.stats(ref))).toList();
                for (int i = 0; i < futures.size(); i++) {
                    try {
                        samples.add(futures.get(i).get());
                    } catch (java.util.concurrent.ExecutionException e) {
                        if (!(e.getCause() instanceof CapstanException ce)) {
                            throw e;
                        }
                        cli.err().println("capstan: " + ce.getMessage());
                        code = Main.FAILED;
                    }
                }
            }
            if (format.json()) {
                Json.print(cli.out(), samples);
                return code;
            }
            List<String> headers = new ArrayList<>(List.of("CONTAINER ID", "NAME"));
            headers.addAll(StatsCells.HEADERS);
            Table table = Table.of(headers.toArray(String[]::new));
            for (ContainerStats s : samples) {
                String name = names.getOrDefault(s.containerId(), refs.isEmpty() ? "" : containers.inspect(s.containerId()).name());
                List<Object> cells = new ArrayList<>(List.of(s.containerId().substring(0, 12), name));
                cells.addAll(StatsCells.of(s));
                table.row(cells.toArray());
            }
            table.print(cli.out());
            return code;
        }
    }

    @Command(name = "update", description = "Change CPU and memory limits of containers, live.",
            footer = {"", "Example:", "  capstan containers update --cpus 1.5 -m 256Mi web"})
    static final class Update extends EachOwnedContainer {
        @Option(names = "--cpus", paramLabel = "CPUS", description = "New CPU limit: 0.5, 2, or 500m.")
        String cpus;
        @Option(names = {"-m", "--memory"}, paramLabel = "BYTES", description = "New memory limit: 512m, 1Gi, ...")
        String memory;
        private Resources resources;
        private LiveResourceUpdate live;

        Update(Cli cli) {
            super(cli);
        }

        @Override
        void check() {
            resources = Resources.parse(cpus, memory);
            if (resources.isUnlimited()) {
                throw new InvalidSpecException("nothing to update: give --cpus and/or --memory");
            }
            live = cli.engine().require(LiveResourceUpdate.class, "change the limits of a container");
        }

        @Override
        void apply(ContainerOperations containers, String ref) {
            live.update(ref, resources);
        }
    }
}
