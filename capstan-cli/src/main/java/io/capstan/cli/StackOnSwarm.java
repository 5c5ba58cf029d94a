package io.capstan.cli;

import io.capstan.cli.output.Json;
import io.capstan.cli.output.ProgressPrinter;
import io.capstan.cli.output.Table;
import io.capstan.core.engine.LogOptions;
import io.capstan.core.engine.Subscription;
import io.capstan.core.error.ConfigException;
import io.capstan.core.error.InvalidSpecException;
import io.capstan.core.model.LogLine;
import io.capstan.core.workload.WorkloadStatus;
import io.capstan.core.workload.WorkloadTask;
import io.capstan.stack.GeneratedStack;
import io.capstan.stack.compose.SwarmCompose;
import io.capstan.stack.run.StackLabels;
import io.capstan.stack.run.StackRunner;
import io.capstan.stack.swarm.SwarmStackRunner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/** {@code capstan CONFIG up|down|ps|logs|plan --target swarm}: the stack as services of a Docker Swarm. */
final class StackOnSwarm {
    static final List<String> VERBS = List.of("up", "down", "ps", "logs", "plan");

    /** What the verb was given on the command line. */
    record Request(String verb, List<String> services, boolean detach, boolean build, boolean prune, Integer timeoutSeconds,
                   LogOptions logOptions, boolean json) {
    }

    private StackOnSwarm() {
    }

    /** {@code --target} checked: engine or swarm; {@code --prune} only with swarm. */
    static String target(String value, boolean prune) {
        if (prune && !"swarm".equals(value)) {
            throw new InvalidSpecException("--prune is accepted only with --target swarm or kubernetes (up --remove-orphans does it on the engine)");
        }
        if (value == null || value.equals("engine") || value.equals("swarm")) {
            return value == null ? "engine" : value;
        }
        throw new InvalidSpecException("invalid --target '" + value + "': expected engine (the default), swarm or kubernetes");
    }

    static int run(Cli cli, GeneratedStack stack, List<String> profiles, Request request,
                   BiConsumer<String, LogLine> printLine) throws InterruptedException {
        try {
            return runVerb(cli, stack, profiles, request, printLine);
        } catch (ConfigException e) {
            // a place in a generated compose file also names the template line it came from
            throw new ConfigException(stack.origins().explain(e.getMessage()), e);
        }
    }

    private static int runVerb(Cli cli, GeneratedStack stack, List<String> profiles, Request request,
                               BiConsumer<String, LogLine> printLine) throws InterruptedException {
        if (!VERBS.contains(request.verb())) {
            throw new InvalidSpecException("--target swarm works with " + StackUsage.words(VERBS) + ", not with "
                    + request.verb());
        }
        if (!request.services().isEmpty() && !List.of("ps", "logs").contains(request.verb())) {
            throw new InvalidSpecException("with --target swarm, " + request.verb() + " applies to the whole stack: "
                    + "unexpected service '" + request.services().getFirst() + "'");
        }
        SwarmCompose compose = StackSession.openForSwarm(cli, stack, profiles);
        for (String service : request.services()) {
            if (!compose.project().services().containsKey(service)) {
                throw new InvalidSpecException("no such service: " + service + " (the stack has "
                        + String.join(", ", compose.project().services().keySet()) + ")");
            }
        }
        ProgressPrinter progress = new ProgressPrinter(cli.err(), ProgressPrinter.terminal());
        SwarmStackRunner runner = new SwarmStackRunner(cli.engine(), SwarmAccess.target(cli), compose,
                StackLabels.forConfigFile(stack.config().mainFile()), progress);
        switch (request.verb()) {
            case "up" -> {
                if (runner.usesRoutingMesh()) {
                    SwarmAccess.warnWithoutRoutingMesh(cli);
                }
                StackRunner builder = new StackRunner(cli.engine(), compose.project(), progress, Map.of());
                // The tasks as the reading that found the stack converged showed them: no second reading.
                List<WorkloadStatus> converged = runner.up(request.detach(), request.prune(),
                        Duration.ofSeconds(request.timeoutSeconds() == null ? 300 : request.timeoutSeconds()),
                        () -> builder.buildImages(request.build()));
                return request.detach() ? 0 : ps(cli, converged, request.json());
            }
            case "down" -> {
                runner.down();
                return 0;
            }
            case "ps" -> {
                return ps(cli, runner.ps().stream().filter(s -> request.services().isEmpty()
                        || request.services().contains(s.labels().get(io.capstan.core.label.Labels.SERVICE))).toList(),
                        request.json());
            }
            case "plan" -> {
                List<SwarmStackRunner.Step> steps = runner.plan(request.prune());
                if (request.json()) {
                    Json.print(cli.out(), steps);
                } else {
                    steps.forEach(s -> cli.out().println(s.service() + ": " + s.action()));
                }
                return 0;
            }
            default -> {
                List<Subscription> streams = runner.logs(request.services(), request.logOptions(), printLine);
                for (Subscription stream : streams) {
                    stream.awaitCompletion(Duration.ofDays(365));
                    stream.close();
                }
                return 0;
            }
        }
    }

    /** One row per current task, as {@code docker stack ps} lists them. */
    private static int ps(Cli cli, List<WorkloadStatus> services, boolean json) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (WorkloadStatus service : services) {
            for (WorkloadTask task : service.currentTasks()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("service", service.labels().getOrDefault(io.capstan.core.label.Labels.SERVICE, service.name()));
                row.put("task", service.name() + "." + (task.slot() == 0 ? task.node() : String.valueOf(task.slot())));
                row.put("node", task.node());
                row.put("desired_state", task.desiredState());
                row.put("state", task.state());
                row.put("error", task.error());
                rows.add(row);
            }
        }
        if (json) {
            Json.print(cli.out(), rows);
            return 0;
        }
        Table table = Table.of("SERVICE", "TASK", "NODE", "DESIRED", "STATE", "ERROR");
        rows.forEach(r -> table.row(String.valueOf(r.get("service")), String.valueOf(r.get("task")),
                String.valueOf(r.get("node")), String.valueOf(r.get("desired_state")), String.valueOf(r.get("state")),
                String.valueOf(r.get("error"))));
        table.print(cli.out());
        return 0;
    }
}
