package io.capstan.cli;

import io.capstan.cli.output.Json;
import io.capstan.cli.output.Table;
import io.capstan.core.engine.LogOptions;
import io.capstan.core.engine.Subscription;
import io.capstan.core.error.InvalidSpecException;
import io.capstan.core.model.LogLine;
import io.capstan.kubernetes.stack.ClusterStack;
import io.capstan.kubernetes.stack.PlannedChange;
import io.capstan.kubernetes.stack.StackWorkload;
import io.capstan.stack.GeneratedStack;
import io.capstan.stack.compose.SwarmCompose;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * {@code capstan CONFIG up|plan|ps|logs|down --target kubernetes}: the manifests {@code render --target kubernetes}
 * writes, applied to the cluster and namespace of {@code --kubeconfig}, {@code --context} and {@code -n}.
 */
final class StackOnKubernetes {
    static final String TARGET = "kubernetes";

    /** What the verb was given on the command line. */
    record Request(String verb, List<String> services, boolean prune, boolean volumes, LogOptions logOptions, boolean json) {
    }

    private StackOnKubernetes() {
    }

    /** {@code --kubeconfig}, {@code --context} and {@code -n} only go with {@code --target kubernetes}. */
    static void checkOptions(String target, KubeOptions kube) {
        if (kube.given() && !TARGET.equals(target)) {
            throw new InvalidSpecException("--kubeconfig, --context and -n are accepted only with --target kubernetes");
        }
    }

    static int run(Cli cli, GeneratedStack stack, List<String> profiles, Request request, KubeOptions kube,
                   BiConsumer<String, LogLine> printLine) throws InterruptedException {
        if (!StackOnSwarm.VERBS.contains(request.verb())) {
            throw new InvalidSpecException("--target kubernetes works with " + StackUsage.words(StackOnSwarm.VERBS)
                    + " (and render), not with " + request.verb());
        }
        if (!request.services().isEmpty() && !List.of("ps", "logs").contains(request.verb())) {
            throw new InvalidSpecException("with --target kubernetes, " + request.verb() + " applies to the whole stack: "
                    + "unexpected service '" + request.services().getFirst() + "'");
        }
        SwarmCompose compose = StackSession.loadForTarget(stack, profiles);
        for (String service : request.services()) {
            if (!compose.project().services().containsKey(service)) {
                throw new InvalidSpecException("no such service: " + service + " (the stack has "
                        + String.join(", ", compose.project().services().keySet()) + ")");
            }
        }
        if (request.verb().equals("up") || request.verb().equals("plan")) {
            StackRender.renderWarning(cli, stack, compose);
        }
        String name = ClusterStack.stackName(compose);
        try (ClusterStack cluster = ClusterStack.connect(kube.access())) {
            switch (request.verb()) {
                case "up" -> {
                    List<PlannedChange> plan = cluster.apply(compose, request.prune(), step ->
                            cli.err().println(step.object() + ": " + done(step.action())));
                    long unchanged = plan.stream().filter(p -> p.action() == PlannedChange.Action.UNCHANGED).count();
                    List<PlannedChange> kept = plan.stream().filter(p -> p.action() == PlannedChange.Action.KEEP).toList();
                    if (!kept.isEmpty()) {
                        cli.err().println("capstan: warning: no longer in the stack, left on the cluster: "
                                + String.join(", ", kept.stream().map(PlannedChange::object).toList()) + " (up --prune removes them)");
                    }
                    cli.err().println("stack " + name + " applied to namespace " + cluster.namespace()
                            + (unchanged == 0 ? "" : " (" + unchanged + " objects unchanged)"));
                    return 0;
                }
                case "plan" -> {
                    List<PlannedChange> plan = cluster.plan(compose, request.prune());
                    if (request.json()) {
                        Json.print(cli.out(), plan.stream().map(StackOnKubernetes::row).toList());
                    } else {
                        plan.forEach(p -> cli.out().println(p.object() + ": " + action(p)));
                    }
                    return 0;
                }
                case "ps" -> {
                    return ps(cli, cluster.ps(name).stream().filter(w -> request.services().isEmpty()
                            || request.services().contains(w.service())).toList(), request.json());
                }
                case "down" -> {
                    ClusterStack.Removal removal = cluster.down(name, request.volumes());
                    removal.removed().forEach(r -> cli.err().println(r + ": removed"));
                    if (!removal.kept().isEmpty()) {
                        cli.err().println("capstan: kept " + String.join(", ", removal.kept())
                                + " and the data in them (down -v removes them)");
                    }
                    return 0;
                }
                default -> {
                    try (Subscription logs = cluster.logs(name, request.services(), request.logOptions(), printLine)) {
                        logs.awaitCompletion(Duration.ofDays(365));
                    }
                    return 0;
                }
            }
        }
    }

    private static String done(PlannedChange.Action action) {
        return switch (action) {
            case CREATE -> "created";
            case CHANGE -> "configured";
            case REMOVE -> "removed";
            default -> action.name().toLowerCase(Locale.ROOT);
        };
    }

    private static String action(PlannedChange p) {
        return switch (p.action()) {
            case CREATE -> "create";
            case CHANGE -> "change " + String.join(", ", p.fields());
            case UNCHANGED -> "unchanged";
            case REMOVE -> "remove";
            case KEEP -> "not in the stack (up --prune removes it)";
        };
    }

    private static Map<String, Object> row(PlannedChange p) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("kind", p.kind());
        row.put("name", p.name());
        row.put("action", p.action().name().toLowerCase(Locale.ROOT));
        row.put("fields", p.fields());
        return row;
    }

    /** One row per pod (a workload without pods: one row), with its workload's ready and desired pods. */
    private static int ps(Cli cli, List<StackWorkload> workloads, boolean json) {
        if (json) {
            Json.print(cli.out(), workloads);
            return 0;
        }
        Table table = Table.of("SERVICE", "WORKLOAD", "READY", "POD", "STATUS", "RESTARTS", "NODE");
        List<String[]> rows = new ArrayList<>();
        for (StackWorkload w : workloads) {
            String workload = w.kind().toLowerCase(Locale.ROOT) + "/" + w.name();
            String ready = w.ready() + "/" + w.desired();
            if (w.pods().isEmpty()) {
                rows.add(new String[] {w.service(), workload, ready, "-", "-", "-", "-"});
            }
            for (StackWorkload.Pod p : w.pods()) {
                rows.add(new String[] {w.service(), workload, ready, p.name(), p.status(), String.valueOf(p.restarts()),
                        p.node().isEmpty() ? "-" : p.node()});
            }
        }
        rows.forEach(table::row);
        table.print(cli.out());
        return 0;
    }
}
