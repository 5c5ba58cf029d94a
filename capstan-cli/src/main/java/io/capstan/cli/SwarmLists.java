package io.capstan.cli;

import io.capstan.cli.output.Ages;
import io.capstan.cli.output.Json;
import io.capstan.cli.output.OutputFormat;
import io.capstan.cli.output.Table;
import io.capstan.core.workload.NodeInfo;
import io.capstan.core.workload.WorkloadPort;
import io.capstan.core.workload.WorkloadSpec;
import io.capstan.core.workload.WorkloadStatus;
import io.capstan.core.workload.WorkloadTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The swarm's nodes, services and tasks as tables (or JSON). */
final class SwarmLists {
    private SwarmLists() {
    }

    @Command(name = "nodes", description = "List the swarm's nodes.",
            footer = {"", "Example:", "  capstan swarm nodes"})
    static final class Nodes implements Runnable {
        private final Cli cli;
        @Mixin
        OutputFormat format;

        Nodes(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            List<NodeInfo> nodes = SwarmAccess.target(cli).nodes();
            if (format.json()) {
                Json.print(cli.out(), nodes);
                return;
            }
            Table table = Table.of("ID", "HOSTNAME", "STATUS", "AVAILABILITY", "ROLE", "ADDRESS", "ENGINE VERSION");
            nodes.forEach(n -> table.row(shortId(n.id()), n.hostname(), n.state(), n.availability(),
                    n.role() + (n.leader() ? " (leader)" : ""), n.address(), n.engineVersion()));
            table.print(cli.out());
        }
    }

    @Command(name = "services", description = "List the swarm's services with their replicas running and wanted.",
            footer = {"", "Examples:", "  capstan swarm services", "  capstan swarm services --label team=web"})
    static final class Services implements Runnable {
        private final Cli cli;
        @Mixin
        OutputFormat format;
        @Option(names = {"-l", "--label"}, paramLabel = "KEY=VALUE", description = "Only services with this label.")
        Map<String, String> labels = Map.of();

        Services(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            List<WorkloadStatus> services = SwarmAccess.target(cli).list(labels);
            if (format.json()) {
                Json.print(cli.out(), services);
                return;
            }
            Table table = Table.of("ID", "NAME", "MODE", "REPLICAS", "IMAGE", "PORTS");
            services.forEach(s -> table.row(shortId(s.id()), s.name(), mode(s.spec()), s.running() + "/" + s.desired(),
                    s.spec().image(), s.spec().ports().stream().map(WorkloadPort::toString).collect(Collectors.joining(", "))));
            table.print(cli.out());
        }
    }

    @Command(name = "tasks", description = "List a service's tasks: where each replica runs and how it is doing.",
            footer = {"", "Examples:", "  capstan swarm tasks web", "  capstan swarm tasks -a web --format json"})
    static final class Tasks implements Runnable {
        private final Cli cli;
        @Mixin
        OutputFormat format;
        @Option(names = {"-a", "--all"}, description = "Include earlier tasks (replaced, failed, shut down).")
        boolean all;
        @Parameters(arity = "1..*", paramLabel = "SERVICE")
        List<String> services;

        Tasks(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            List<WorkloadStatus> statuses = new ArrayList<>();
            for (String service : services) {
                statuses.add(SwarmAccess.target(cli).inspect(service));
            }
            printTasks(cli, format, statuses, all);
        }
    }

    @Command(name = "ps", description = "List the tasks of every service in the swarm.",
            footer = {"", "Examples:", "  capstan swarm ps", "  capstan swarm ps -a --label team=web"})
    static final class Ps implements Runnable {
        private final Cli cli;
        @Mixin
        OutputFormat format;
        @Option(names = {"-a", "--all"}, description = "Include earlier tasks (replaced, failed, shut down).")
        boolean all;
        @Option(names = {"-l", "--label"}, paramLabel = "KEY=VALUE", description = "Only services with this label.")
        Map<String, String> labels = Map.of();

        Ps(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            printTasks(cli, format, SwarmAccess.target(cli).list(labels), all);
        }
    }

    /** One row per task, as {@code docker service ps} prints them. */
    record TaskRow(String service, WorkloadTask task) {
    }

    static void printTasks(Cli cli, OutputFormat format, List<WorkloadStatus> statuses, boolean all) {
        List<TaskRow> rows = new ArrayList<>();
        for (WorkloadStatus status : statuses) {
            (all ? status.tasks() : status.currentTasks()).forEach(t -> rows.add(new TaskRow(status.name(), t)));
        }
        if (format.json()) {
            Json.print(cli.out(), rows);
            return;
        }
        Instant now = Instant.now();
        Table table = Table.of("ID", "NAME", "IMAGE", "NODE", "DESIRED STATE", "CURRENT STATE", "ERROR");
        rows.forEach(r -> table.row(shortId(r.task().id()), r.service() + (r.task().slot() > 0 ? "." + r.task().slot() : ""),
                r.task().image(), r.task().node(), r.task().desiredState(),
                r.task().state() + (r.task().updated() == null ? "" : " " + Ages.since(r.task().updated(), now)),
                r.task().error()));
        table.print(cli.out());
    }

    static String mode(WorkloadSpec spec) {
        return spec.mode() == WorkloadSpec.Mode.GLOBAL ? "global" : "replicated";
    }

    static String shortId(String id) {
        return id == null ? "" : id.substring(0, Math.min(12, id.length()));
    }
}
