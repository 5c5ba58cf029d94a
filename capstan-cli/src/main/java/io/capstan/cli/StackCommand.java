package io.capstan.cli;

import io.capstan.cli.output.Json;
import io.capstan.cli.output.ProgressPrinter;
import io.capstan.cli.output.Table;
import io.capstan.core.engine.Subscription;
import io.capstan.core.error.InvalidSpecException;
import io.capstan.core.model.LogLine;
import io.capstan.stack.GeneratedStack;
import io.capstan.stack.compose.ComposeConfig;
import io.capstan.stack.compose.ComposeProject;
import io.capstan.stack.config.PortableYaml;
import io.capstan.stack.run.EarlyDown;
import io.capstan.stack.run.ProjectResources;
import io.capstan.stack.run.ServiceLifecycle;
import io.capstan.stack.run.ServiceLogs;
import io.capstan.stack.run.ServiceSelection;
import io.capstan.stack.run.ServiceStats;
import io.capstan.stack.run.ServiceStatus;
import io.capstan.stack.run.StackPlan;
import io.capstan.stack.run.StackRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

@Command(name = StackCommand.NAME,
        description = {"Generate a stack's build directory from its config file and run it (also written 'capstan CONFIG VERB').",
                "Every verb first regenerates the build directory; then Capstan runs the compose files itself, through the "
                        + "engine API. Without a verb, only the build directory is generated.",
                "Verbs, as in Compose (SERVICE...: only those services; none: all of them):",
                "  up [-d] [--wait] [--build] [--remove-orphans] [--rollback] [SERVICE...] (and their dependencies)",
                "  down [-t SECONDS] [-v]; clean [-t SECONDS]; rebuild [-d]",
                "  stop [-t SECONDS] [SERVICE...]; start [SERVICE...]; restart [-t SECONDS] [SERVICE...]",
                "  ps [-a] [SERVICE...]; stats [--no-stream] [SERVICE...]; plan; config [--format yaml|json]",
                "  logs [-f] [--tail N] [--since TIME] [-t] [SERVICE...]",
                "  exec [-T] [-e KEY=VALUE] [-u USER] [-w DIR] [--index N] SERVICE COMMAND...",
                "  render --target kubernetes [-o DIR] (Kubernetes manifests: printed, or one file per object in DIR)",
                "  up|plan [--prune]|ps|logs|down --target swarm|kubernetes [--kubeconfig FILE] [--context NAME] [-n NS]",
                "config prints the resolved compose model, as 'docker compose config' does: variables substituted, "
                        + "files merged, paths absolute; values of secret variables stay $${VAR} unless a template "
                        + "wrote them in."},
        footer = {"", "Examples:",
                "  capstan examples/demo/config.yml",
                "  capstan examples/demo/config.yml up -d --wait",
                "  capstan examples/demo/config.yml plan",
                "  capstan examples/demo/config.yml render --target kubernetes -o k8s",
                "  capstan examples/demo/config.yml config --format json",
                "  capstan examples/demo/config.yml logs -f --tail 20 webui",
                "  capstan examples/demo/config.yml exec webui ls -l /",
                "  capstan examples/demo/config.yml restart -t 2 webui",
                "  capstan examples/demo/config.yml down -t 0 -v"})
final class StackCommand implements Callable<Integer> {
    static final String NAME = "stack";
    /** The --format values of each verb that prints data (up -d and rebuild -d print what ps prints). */
    private static final Map<String, List<Format>> FORMATS = Map.of("ps", List.of(Format.table, Format.json),
            "stats", List.of(Format.table, Format.json),
            "up", List.of(Format.table, Format.json), "rebuild", List.of(Format.table, Format.json),
            "plan", List.of(Format.table, Format.json), "config", List.of(Format.yaml, Format.json));

    enum Format { table, json, yaml }

    private final Cli cli;

    @Parameters(index = "0", paramLabel = "CONFIG", description = "The stack's main config file.")
    Path config;

    @Parameters(index = "1", arity = "0..1", paramLabel = "VERB",
            description = "up, down, stop, start, restart, clean, rebuild, ps, logs, stats, exec, plan or config.")
    String verb;

    @Parameters(index = "2..*", paramLabel = "SERVICE",
            description = "With up, stop, start, restart, ps, logs, stats: only these services; with exec: the service, then the command.")
    List<String> services = new ArrayList<>();

    @Option(names = {"-d", "--detach"}, description = "With up or rebuild: return once the stack runs.")
    boolean detach;

    @Option(names = "--wait", description = "With up or rebuild: also wait until services with a healthcheck are healthy.")
    boolean waitHealthy;

    @Option(names = "--build", description = "With up: build images even when they exist.")
    boolean build;

    @Option(names = "--remove-orphans", description = "With up: remove containers of services no longer in the stack.")
    boolean removeOrphans;

    @Option(names = "--rollback", description = "With up or rebuild: when something fails, remove what this up created.")
    boolean rollback;

    @Option(names = {"-t", "--timeout"}, paramLabel = "SECONDS",
            description = "With down, stop, restart, clean, rebuild: seconds to wait for containers to stop (0 kills at "
                    + "once; default: each service's stop_grace_period, else 10).")
    Integer timeoutSeconds;

    @Option(names = {"-v", "--volumes"}, description = "With down: also remove the stack's volumes.")
    boolean volumes;

    @Mixin
    StackLogOptions logOptions;

    @Option(names = {"-a", "--all"}, description = "With ps: stopped containers too.")
    boolean all;

    @Option(names = "--no-stream", description = "With stats: one sample and exit (default: refresh until Ctrl-C).")
    boolean noStream;

    @Mixin
    StackExecOptions execOptions;

    @Spec
    CommandSpec spec;

    @Option(names = "--via", paramLabel = "TOOL", description = "Run the verb with 'podman compose' or 'docker compose' instead.")
    String via;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Also run the services of this profile (repeatable; without it, those COMPOSE_PROFILES names).")
    List<String> profiles = new ArrayList<>();

    @Option(names = "--lenient", description = "Render undefined template values as empty text instead of failing.")
    boolean lenient;

    @Option(names = "--target", paramLabel = "TARGET",
            description = "With up, down, ps, logs and plan: engine (default: Capstan's own compose engine), swarm "
                    + "(services of the Docker Swarm the engine manages, as docker stack deploy makes them) or "
                    + "kubernetes (what render writes, applied to a cluster); with render: kubernetes.")
    String target;

    @Mixin
    KubeOptions kube;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "With render: write one manifest file per object into DIR (default: print them as one YAML stream).")
    Path output;

    @Option(names = "--prune", description = "With up and plan --target swarm or kubernetes: remove what is no longer in the stack.")
    boolean prune;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "With ps, stats, plan and up -d: table (default) or json; with config: yaml (default) or json.")
    Format format;

    StackCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        checkUsage();
        StackOnKubernetes.checkOptions(target, kube);
        ProgressPrinter progress = new ProgressPrinter(cli.err(), ProgressPrinter.terminal());
        // down -t 0 removes the containers this config made while the build directory is regenerated (they say so in
        // a label); otherwise connecting to the engine (client set-up, a ping) is what overlaps generating.
        EarlyDown early = "down".equals(verb) && Integer.valueOf(0).equals(timeoutSeconds) && via == null && Files.isRegularFile(config)
                ? EarlyDown.start(cli::engine, config, volumes, progress) : null;
        CompletableFuture<Void> connecting = verb == null || via != null || verb.equals("config") || early != null
                ? CompletableFuture.completedFuture(null)
                // render needs no engine: loading the manifest writer's classes is what overlaps generating
                : verb.equals("render") || StackOnKubernetes.TARGET.equals(target) ? CompletableFuture.runAsync(StackRender::warmUp) : CompletableFuture.runAsync(cli::engine);
        GeneratedStack stack;
        try {
            stack = StackSession.generate(cli, config, lenient);
        } catch (RuntimeException notGenerated) {
            if (early != null) {
                try {
                    for (String taken : takeDown(early, null)) {
                        cli.err().println("capstan: stack '" + taken + "' was taken down, but its build directory could not be regenerated:");
                    }
                } catch (RuntimeException downFailedToo) {
                    notGenerated.addSuppressed(downFailedToo);
                }
            }
            throw notGenerated;
        }
        if (verb == null || via != null) {
            StackSession.warnUnsetWithoutCompose(cli, stack);
        }
        if (verb == null) {
            cli.out().println("Generated compose files:");
            Path cwd = Path.of("").toAbsolutePath();
            stack.composeFiles().forEach(f -> cli.out().println(" - " + (f.startsWith(cwd) ? cwd.relativize(f) : f)));
            return 0;
        }
        if (via != null) {
            return ComposeVia.run(ComposeVia.argv(ComposeVia.tool(via, profiles), stack.composeFiles(),
                    stack.config().mainFile().resolveSibling(".env"), StackSession.projectName(stack, profiles), verb,
                    new ComposeVia.VerbFlags(detach, volumes, timeoutSeconds,
                            ViaArguments.of(verb, spec.commandLine().getParseResult().matchedOptions(), services,
                                    RawTerminal.standardInputIsOne()))));
        }
        if (verb.equals("config")) {
            return config(StackSession.openMasked(cli, stack, profiles).project());
        }
        if (verb.equals("render")) {
            return StackRender.run(cli, stack, profiles, target, output);
        }
        if (StackOnKubernetes.TARGET.equals(target)) {
            return StackOnKubernetes.run(cli, stack, profiles, new StackOnKubernetes.Request(verb, services, prune, volumes,
                    verb.equals("logs") ? logOptions.toLogOptions(Instant.now()) : null, json()), kube, this::printLine);
        }
        if (StackOnSwarm.target(target, prune).equals("swarm")) {
            return StackOnSwarm.run(cli, stack, profiles, new StackOnSwarm.Request(verb, services, detach, build, prune,
                    timeoutSeconds, verb.equals("logs") ? logOptions.toLogOptions(Instant.now()) : null, json()), this::printLine);
        }
        StackSession session = StackSession.open(cli, stack, profiles);
        // an unknown service name is an error before the engine is asked anything
        ServiceSelection.of(session.project(), verb.equals("exec") ? services.subList(0, 1) : services);
        try {
            connecting.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        ComposeProject project = session.project();
        StackRunner runner = session.runner(cli, progress);
        Duration timeout = timeout();
        return switch (verb) {
            case "up" -> up(runner, project, new StackRunner.UpOptions(build, removeOrphans, rollback, waitHealthy, Duration.ofMinutes(5)), services);
            case "rebuild" -> {
                runner.clean(timeout);
                yield up(runner, project, new StackRunner.UpOptions(true, true, rollback, waitHealthy, Duration.ofMinutes(5)), List.of());
            }
            case "down" -> {
                if (early != null) {
                    takeDown(early, project.name());
                }
                runner.down(timeout, volumes);
                yield 0;
            }
            case "clean" -> {
                runner.clean(timeout);
                yield 0;
            }
            case "stop" -> {
                new ServiceLifecycle(cli.engine(), project, progress).stop(services, timeout);
                yield 0;
            }
            case "start" -> {
                new ServiceLifecycle(cli.engine(), project, progress).start(services);
                yield 0;
            }
            case "restart" -> {
                new ServiceLifecycle(cli.engine(), project, progress).restart(services, timeout);
                yield 0;
            }
            case "ps" -> ps(new ServiceStatus(cli.engine(), project).rows(all, services));
            case "logs" -> logs(new ServiceLogs(cli.engine(), project).stream(services,
                    logOptions.toLogOptions(Instant.now()), this::printLine));
            case "stats" -> new StackStats(cli, new ServiceStats(cli.engine(), project)).run(services, !noStream, json());
            case "exec" -> StackExec.run(cli, project, execOptions, services);
            case "plan" -> StackPlanOutput.print(cli, runner.plan(), json());
            default -> throw new IllegalStateException(verb);
        };
    }

    /**
     * Waits for {@code early} and removes the networks (and with -v the volumes) of the projects whose containers it
     * removed, except {@code project}'s, which the runner's down removes; returns the projects taken down here.
     */
    private Set<String> takeDown(EarlyDown early, String project) {
        Set<String> others = new java.util.TreeSet<>(early.await());
        if (project != null) {
            others.remove(project);
        }
        others.forEach(p -> new ProjectResources(cli.engine()).remove(p, volumes));
        return others;
    }

    private void checkUsage() {
        if (verb != null && !StackUsage.VERBS.contains(verb)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "unknown verb '" + verb + "': use " + StackUsage.VERB_CHOICES);
        }
        String v = verb == null ? "" : verb;
        if (format != null && !FORMATS.getOrDefault(v, List.of()).contains(format)) {
            throw new InvalidSpecException("--format " + format + " is accepted only " + FORMATS.entrySet().stream()
                    .filter(e -> e.getValue().contains(format)).map(Map.Entry::getKey).sorted()
                    .collect(Collectors.joining(", ", "with ", "")) + (v.isEmpty() ? "" : ", not with " + v));
        }
        StackUsage.check(verb, spec.commandLine().getParseResult().matchedOptions(), services);
        if (v.equals("logs")) {
            logOptions.toLogOptions(Instant.now()); // a wrong --tail or --since is refused before anything is done
        }
    }

    private int up(StackRunner runner, ComposeProject project, StackRunner.UpOptions options, List<String> only)
            throws InterruptedException {
        StackRunner.UpResult result = runner.up(options, only);
        if (!result.orphansLeft().isEmpty()) {
            cli.err().println("capstan: warning: containers of services no longer in the stack: "
                    + String.join(", ", result.orphansLeft().stream().map(StackPlan.Orphan::name).toList())
                    + " (--remove-orphans removes them)");
        }
        if (detach) {
            return ps(runner.ps());
        }
        // Foreground: stream every service's output until Ctrl-C, then stop the stack.
        Thread stopper = new Thread(() -> {
            cli.err().println("capstan: stopping stack " + project.name() + " ...");
            runner.stop(timeout());
        });
        Runtime.getRuntime().addShutdownHook(stopper);
        List<Subscription> streams = runner.logs(only, true, this::printLine);
        for (Subscription stream : streams) {
            stream.awaitCompletion(Duration.ofDays(365));
        }
        return 0;
    }

    private synchronized void printLine(String prefix, LogLine line) {
        cli.out().println(String.format("%-20s| %s", prefix, line.text()));
        cli.out().flush();
    }

    /** -t as given, or null: each service's stop_grace_period. */
    private Duration timeout() {
        return timeoutSeconds == null ? null : Duration.ofSeconds(timeoutSeconds);
    }

    private boolean json() {
        return format == Format.json;
    }

    private int config(ComposeProject project) {
        Map<String, Object> model = ComposeConfig.of(project);
        if (json()) {
            Json.print(cli.out(), model);
        } else {
            cli.out().print(PortableYaml.writeCompose(model));
            cli.out().flush();
        }
        return 0;
    }

    private int ps(List<StackRunner.Row> rows) {
        if (json()) {
            Json.print(cli.out(), rows);
            return 0;
        }
        Table table = Table.of("SERVICE", "CONTAINER", "STATE", "HEALTH", "PORTS");
        rows.forEach(r -> table.row(r.service(), r.container(), r.state(), r.health(), r.ports()));
        table.print(cli.out());
        return 0;
    }

    private int logs(List<Subscription> streams) throws InterruptedException {
        for (Subscription stream : streams) {
            stream.awaitCompletion(Duration.ofDays(365));
            stream.close();
        }
        return 0;
    }
}
