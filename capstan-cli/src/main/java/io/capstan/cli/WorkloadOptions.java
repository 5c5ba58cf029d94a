package io.capstan.cli;

import io.capstan.core.resource.Durations;
import io.capstan.core.spec.HealthCheck;
import io.capstan.core.spec.Mount;
import io.capstan.core.spec.Resources;
import io.capstan.core.workload.UpdatePolicy;
import io.capstan.core.workload.WorkloadPort;
import io.capstan.core.workload.WorkloadResources;
import io.capstan.core.workload.WorkloadRestart;
import io.capstan.core.workload.WorkloadSpec;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The options of {@code capstan swarm service create}: everything a workload has, in Docker's words. */
final class WorkloadOptions {
    @Option(names = "--replicas", paramLabel = "N", defaultValue = "1", description = "Replicas to run (default: 1).")
    int replicas;
    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "replicated",
            description = "replicated (--replicas of them) or global (one on every node).")
    Mode mode;
    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE", description = "An environment variable.")
    List<String> env = List.of();
    @Option(names = {"-p", "--publish"}, paramLabel = "PORT",
            description = "[PUBLISHED:]TARGET[/PROTOCOL][@host|@ingress], such as 8080:80@host.")
    List<String> ports = List.of();
    @Option(names = "--endpoint-mode", paramLabel = "MODE", defaultValue = "vip",
            description = "vip (one virtual address) or dnsrr (the replicas' own addresses).")
    EndpointMode endpointMode;
    @Option(names = "--network", paramLabel = "NETWORK", description = "An overlay network to join.")
    List<String> networks = List.of();
    @Option(names = "--mount", paramLabel = "SOURCE:TARGET[:ro]", description = "A volume or host path, as -v.")
    List<String> mounts = List.of();
    @Option(names = {"-l", "--label"}, paramLabel = "KEY=VALUE", description = "A label on the service.")
    Map<String, String> labels = Map.of();
    @Option(names = "--constraint", paramLabel = "EXPR", description = "A placement constraint, such as node.role==worker.")
    List<String> constraints = List.of();
    @Option(names = "--limit-cpu", paramLabel = "CPUS", description = "CPUs per replica at most (0.5, 500m).")
    String limitCpu;
    @Option(names = "--limit-memory", paramLabel = "BYTES", description = "Memory per replica at most (256m).")
    String limitMemory;
    @Option(names = "--reserve-cpu", paramLabel = "CPUS", description = "CPUs a node must have free per replica.")
    String reserveCpu;
    @Option(names = "--reserve-memory", paramLabel = "BYTES", description = "Memory a node must have free per replica.")
    String reserveMemory;
    @Option(names = "--restart-condition", paramLabel = "WHEN", defaultValue = "any",
            description = "none, on-failure or any (default: any).")
    String restartCondition;
    @Option(names = "--restart-delay", paramLabel = "DURATION", description = "Wait before a restart (5s).")
    String restartDelay;
    @Option(names = "--restart-max-attempts", paramLabel = "N", defaultValue = "0", description = "Restarts at most (0: no limit).")
    int restartMaxAttempts;
    @Option(names = "--health-cmd", paramLabel = "COMMAND", description = "A shell command that checks a replica's health.")
    String healthCmd;
    @Option(names = "--health-interval", paramLabel = "DURATION", description = "Time between health checks.")
    String healthInterval;
    @picocli.CommandLine.ArgGroup(exclusive = false)
    UpdateOptions update = new UpdateOptions();
    @picocli.CommandLine.ArgGroup(exclusive = false)
    RollbackOptions rollback = new RollbackOptions();

    enum Mode { replicated, global }

    enum EndpointMode { vip, dnsrr }

    /** How an update replaces replicas; {@code capstan swarm service update} takes these too. */
    static final class UpdateOptions {
        @Option(names = "--update-parallelism", paramLabel = "N", description = "Replicas replaced at once (default: 1).")
        Integer parallelism;
        @Option(names = "--update-delay", paramLabel = "DURATION", description = "Wait between batches (10s).")
        String delay;
        @Option(names = "--update-order", paramLabel = "ORDER", description = "stop-first or start-first.")
        String order;
        @Option(names = "--update-failure-action", paramLabel = "ACTION", description = "pause, continue or rollback.")
        String failureAction;
        @Option(names = "--update-monitor", paramLabel = "DURATION", description = "How long a new replica is watched.")
        String monitor;

        UpdatePolicy applyTo(UpdatePolicy policy) {
            return policy(policy, parallelism, delay, order, failureAction, monitor, "--update");
        }
    }

    /** How a rollback replaces replicas. */
    static final class RollbackOptions {
        @Option(names = "--rollback-parallelism", paramLabel = "N", description = "Replicas rolled back at once.")
        Integer parallelism;
        @Option(names = "--rollback-delay", paramLabel = "DURATION", description = "Wait between rollback batches.")
        String delay;
        @Option(names = "--rollback-order", paramLabel = "ORDER", description = "stop-first or start-first.")
        String order;
        @Option(names = "--rollback-failure-action", paramLabel = "ACTION", description = "pause or continue.")
        String failureAction;
        @Option(names = "--rollback-monitor", paramLabel = "DURATION", description = "How long a rolled back replica is watched.")
        String monitor;

        UpdatePolicy applyTo(UpdatePolicy policy) {
            return policy(policy, parallelism, delay, order, failureAction, monitor, "--rollback");
        }
    }

    WorkloadSpec toSpec(String name, String image, List<String> command) {
        WorkloadSpec.Builder b = WorkloadSpec.builder(name, image)
                .command(command)
                .env(EnvAssignments.parse(env, System.getenv()))
                .ports(ports.stream().map(WorkloadPort::parse).toList())
                .endpointMode(endpointMode == EndpointMode.dnsrr ? WorkloadSpec.EndpointMode.DNSRR : WorkloadSpec.EndpointMode.VIP)
                .networks(networks)
                .mounts(mounts.stream().map(Mount::parse).toList())
                .labels(labels)
                .constraints(constraints)
                .resources(new WorkloadResources(Resources.parse(limitCpu, limitMemory), Resources.parse(reserveCpu, reserveMemory)))
                .restart(new WorkloadRestart(WorkloadRestart.condition(restartCondition),
                        restartDelay == null ? null : duration("--restart-delay", restartDelay), restartMaxAttempts))
                .update(update.applyTo(UpdatePolicy.DEFAULT))
                .rollback(rollback.applyTo(UpdatePolicy.DEFAULT));
        if (mode == Mode.global) {
            b.global();
        } else {
            b.replicas(replicas);
        }
        if (healthCmd != null) {
            b.healthcheck(new HealthCheck(List.of("CMD-SHELL", healthCmd),
                    healthInterval == null ? null : duration("--health-interval", healthInterval), null, 0, null));
        }
        return b.build();
    }

    static UpdatePolicy policy(UpdatePolicy policy, Integer parallelism, String delay, String order, String failureAction,
                               String monitor, String prefix) {
        UpdatePolicy p = policy;
        if (parallelism != null) {
            p = p.withParallelism(parallelism);
        }
        if (delay != null) {
            p = p.withDelay(duration(prefix + "-delay", delay));
        }
        if (order != null) {
            p = p.withOrder(switch (order) {
                case "stop-first" -> UpdatePolicy.Order.STOP_FIRST;
                case "start-first" -> UpdatePolicy.Order.START_FIRST;
                default -> throw new io.capstan.core.error.InvalidSpecException(prefix + "-order '" + order
                        + "': expected stop-first or start-first");
            });
        }
        if (failureAction != null) {
            p = p.withFailureAction(switch (failureAction) {
                case "pause" -> UpdatePolicy.FailureAction.PAUSE;
                case "continue" -> UpdatePolicy.FailureAction.CONTINUE;
                case "rollback" -> UpdatePolicy.FailureAction.ROLLBACK;
                default -> throw new io.capstan.core.error.InvalidSpecException(prefix + "-failure-action '" + failureAction
                        + "': expected pause, continue or rollback");
            });
        }
        if (monitor != null) {
            p = p.withMonitor(duration(prefix + "-monitor", monitor));
        }
        return p;
    }

    static Duration duration(String option, String text) {
        try {
            return Durations.parse(text);
        } catch (io.capstan.core.error.InvalidSpecException e) {
            throw new io.capstan.core.error.InvalidSpecException(option + ": " + e.getMessage(), e);
        }
    }
}
