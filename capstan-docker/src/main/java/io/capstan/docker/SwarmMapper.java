package io.capstan.docker;

import com.github.dockerjava.api.model.EndpointResolutionMode;
import com.github.dockerjava.api.model.EndpointSpec;
import com.github.dockerjava.api.model.NetworkAttachmentConfig;
import com.github.dockerjava.api.model.PortConfig;
import com.github.dockerjava.api.model.PortConfigProtocol;
import com.github.dockerjava.api.model.ResourceRequirements;
import com.github.dockerjava.api.model.ResourceSpecs;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.ServiceGlobalModeOptions;
import com.github.dockerjava.api.model.ServiceModeConfig;
import com.github.dockerjava.api.model.ServicePlacement;
import com.github.dockerjava.api.model.ServiceReplicatedModeOptions;
import com.github.dockerjava.api.model.ServiceRestartCondition;
import com.github.dockerjava.api.model.ServiceRestartPolicy;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.api.model.SwarmNode;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskSpec;
import com.github.dockerjava.api.model.UpdateConfig;
import com.github.dockerjava.api.model.UpdateFailureAction;
import com.github.dockerjava.api.model.UpdateOrder;
import io.capstan.core.spec.HealthCheck;
import io.capstan.core.spec.Resources;
import io.capstan.core.workload.NodeInfo;
import io.capstan.core.workload.UpdatePolicy;
import io.capstan.core.workload.WorkloadPort;
import io.capstan.core.workload.WorkloadResources;
import io.capstan.core.workload.WorkloadRestart;
import io.capstan.core.workload.WorkloadSpec;
import io.capstan.core.workload.WorkloadTask;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Workloads as Swarm services, and Swarm's services, tasks and nodes as Capstan's records. */
final class SwarmMapper {
    private SwarmMapper() {
    }

    static ServiceSpec serviceSpec(WorkloadSpec w) {
        var container = new com.github.dockerjava.api.model.ContainerSpec()
                .withImage(w.image())
                .withEnv(w.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList())
                .withMounts(w.mounts().stream().map(m -> SwarmMounts.toService(m, w.volumes())).toList());
        if (w.replica().entrypoint() != null) {
            // Swarm's Command is the entrypoint and Args the command, as Docker's stack converter sets them.
            if (!w.replica().entrypoint().isEmpty()) {
                container.withCommand(w.replica().entrypoint());
            }
            if (!w.command().isEmpty()) {
                container.withArgs(w.command());
            }
        } else if (!w.command().isEmpty()) {
            container.withCommand(w.command());
        }
        if (w.healthcheck() != null) {
            container.withHealthCheck(healthcheck(w.healthcheck()));
        }
        ReplicaContainer.apply(w.replica(), container);
        var task = new TaskSpec()
                .withContainerSpec(container)
                .withResources(new ResourceRequirements().withLimits(specs(w.resources().limits()))
                        .withReservations(specs(w.resources().reservations())))
                .withRestartPolicy(restart(w.restart()))
                .withNetworks(w.networks().stream().map(n -> network(n, w.replica().aliases())).toList());
        if (!w.constraints().isEmpty()) {
            task.withPlacement(new ServicePlacement().withConstraints(w.constraints()));
        }
        ServiceModeConfig mode = w.mode() == WorkloadSpec.Mode.GLOBAL
                ? new ServiceModeConfig().withGlobal(new ServiceGlobalModeOptions())
                : new ServiceModeConfig().withReplicated(new ServiceReplicatedModeOptions().withReplicas(w.replicas()));
        return new ServiceSpec()
                .withName(w.name())
                .withLabels(w.labels())
                .withTaskTemplate(task)
                .withMode(mode)
                .withUpdateConfig(update(w.update()))
                .withRollbackConfig(update(w.rollback()))
                .withEndpointSpec(new EndpointSpec()
                        .withMode(w.endpointMode() == WorkloadSpec.EndpointMode.DNSRR
                                ? EndpointResolutionMode.DNSRR : EndpointResolutionMode.VIP)
                        .withPorts(w.ports().stream().map(SwarmMapper::port).toList()));
    }

    private static NetworkAttachmentConfig network(String name, List<String> aliases) {
        var network = new NetworkAttachmentConfig().withTarget(name);
        return aliases.isEmpty() ? network : network.withAliases(aliases);
    }

    private static ResourceSpecs specs(Resources r) {
        var specs = new ResourceSpecs();
        if (r.nanoCpus() > 0) {
            specs.withNanoCPUs(r.nanoCpus());
        }
        if (r.memoryBytes() > 0) {
            specs.withMemoryBytes(r.memoryBytes());
        }
        return specs;
    }

    private static ServiceRestartPolicy restart(WorkloadRestart r) {
        var policy = new ServiceRestartPolicy().withCondition(switch (r.condition()) {
            case NONE -> ServiceRestartCondition.NONE;
            case ON_FAILURE -> ServiceRestartCondition.ON_FAILURE;
            case ANY -> ServiceRestartCondition.ANY;
        }).withMaxAttempts((long) r.maxAttempts());
        if (r.delay() != null) {
            policy.withDelay(r.delay().toNanos());
        }
        return policy;
    }

    private static UpdateConfig update(UpdatePolicy u) {
        var config = new UpdateConfig()
                .withParallelism((long) u.parallelism())
                .withDelay(u.delay().toNanos())
                .withOrder(u.order() == UpdatePolicy.Order.START_FIRST ? UpdateOrder.START_FIRST : UpdateOrder.STOP_FIRST)
                .withFailureAction(switch (u.failureAction()) {
                    case PAUSE -> UpdateFailureAction.PAUSE;
                    case CONTINUE -> UpdateFailureAction.CONTINUE;
                    case ROLLBACK -> UpdateFailureAction.ROLLBACK;
                });
        if (u.monitor() != null) {
            config.withMonitor(u.monitor().toNanos());
        }
        return config;
    }

    private static PortConfig port(WorkloadPort p) {
        return new PortConfig().withTargetPort(p.target()).withPublishedPort(p.published())
                .withProtocol(PortConfigProtocol.valueOf(p.protocol().toUpperCase(Locale.ROOT)))
                .withPublishMode(p.mode() == WorkloadPort.Mode.HOST ? PortConfig.PublishMode.host : PortConfig.PublishMode.ingress);
    }

    private static com.github.dockerjava.api.model.HealthCheck healthcheck(HealthCheck h) {
        var check = new com.github.dockerjava.api.model.HealthCheck();
        if (!h.test().isEmpty()) {
            check.withTest(h.test());
        }
        if (h.interval() != null) {
            check.withInterval(h.interval().toNanos());
        }
        if (h.timeout() != null) {
            check.withTimeout(h.timeout().toNanos());
        }
        if (h.retries() > 0) {
            check.withRetries(h.retries());
        }
        if (h.startPeriod() != null) {
            check.withStartPeriod(h.startPeriod().toNanos());
        }
        return check;
    }

    /** The workload a service runs, read back from its spec. */
    static WorkloadSpec workload(ServiceSpec s) {
        TaskSpec task = s.getTaskTemplate() == null ? new TaskSpec() : s.getTaskTemplate();
        var container = task.getContainerSpec() == null ? new com.github.dockerjava.api.model.ContainerSpec() : task.getContainerSpec();
        var b = WorkloadSpec.builder(s.getName(), container.getImage() == null ? "" : stripDigest(container.getImage()))
                .command(container.getCommand() == null ? List.of() : container.getCommand())
                .env(env(container.getEnv()))
                .labels(s.getLabels() == null ? Map.of() : s.getLabels());
        if (s.getMode() != null && s.getMode().getGlobal() != null) {
            b.global();
        } else if (s.getMode() != null && s.getMode().getReplicated() != null) {
            b.replicas((int) s.getMode().getReplicated().getReplicas());
        }
        if (task.getResources() != null) {
            b.resources(new WorkloadResources(resources(task.getResources().getLimits()),
                    resources(task.getResources().getReservations())));
        }
        if (task.getRestartPolicy() != null) {
            b.restart(restart(task.getRestartPolicy()));
        }
        if (task.getNetworks() != null) {
            b.networks(task.getNetworks().stream().map(NetworkAttachmentConfig::getTarget).toList());
        }
        if (task.getPlacement() != null && task.getPlacement().getConstraints() != null) {
            b.constraints(task.getPlacement().getConstraints());
        }
        if (container.getMounts() != null) {
            b.mounts(container.getMounts().stream().map(SwarmMounts::fromService).toList());
            container.getMounts().stream().map(SwarmMounts::volume).filter(java.util.Objects::nonNull).forEach(b::volume);
        }
        if (container.getHealthCheck() != null) {
            b.healthcheck(healthcheck(container.getHealthCheck()));
        }
        if (s.getUpdateConfig() != null) {
            b.update(update(s.getUpdateConfig()));
        }
        if (s.getRollbackConfig() != null) {
            b.rollback(update(s.getRollbackConfig()));
        }
        if (s.getEndpointSpec() != null) {
            b.endpointMode(s.getEndpointSpec().getMode() == EndpointResolutionMode.DNSRR
                    ? WorkloadSpec.EndpointMode.DNSRR : WorkloadSpec.EndpointMode.VIP);
            if (s.getEndpointSpec().getPorts() != null) {
                b.ports(s.getEndpointSpec().getPorts().stream().map(SwarmMapper::port).toList());
            }
        }
        return b.build();
    }

    /** {@code image:tag@sha256:...} as the user wrote it: the engine pins the digest it resolved. */
    static String stripDigest(String image) {
        int at = image.indexOf('@');
        return at < 0 ? image : image.substring(0, at);
    }

    private static Map<String, String> env(List<String> entries) {
        Map<String, String> env = new LinkedHashMap<>();
        if (entries != null) {
            for (String entry : entries) {
                int eq = entry.indexOf('=');
                env.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
            }
        }
        return env;
    }

    private static Resources resources(ResourceSpecs specs) {
        if (specs == null) {
            return Resources.UNLIMITED;
        }
        return new Resources(specs.getNanoCPUs() == null ? 0 : specs.getNanoCPUs(),
                specs.getMemoryBytes() == null ? 0 : specs.getMemoryBytes());
    }

    private static WorkloadRestart restart(ServiceRestartPolicy p) {
        WorkloadRestart.Condition condition = p.getCondition() == null ? WorkloadRestart.Condition.ANY : switch (p.getCondition()) {
            case NONE -> WorkloadRestart.Condition.NONE;
            case ON_FAILURE -> WorkloadRestart.Condition.ON_FAILURE;
            case ANY -> WorkloadRestart.Condition.ANY;
        };
        return new WorkloadRestart(condition, p.getDelay() == null ? null : Duration.ofNanos(p.getDelay()),
                p.getMaxAttempts() == null ? 0 : p.getMaxAttempts().intValue());
    }

    private static UpdatePolicy update(UpdateConfig c) {
        return new UpdatePolicy(c.getParallelism() == null ? 1 : c.getParallelism().intValue(),
                c.getDelay() == null ? Duration.ZERO : Duration.ofNanos(c.getDelay()),
                c.getOrder() == UpdateOrder.START_FIRST ? UpdatePolicy.Order.START_FIRST : UpdatePolicy.Order.STOP_FIRST,
                c.getFailureAction() == null ? UpdatePolicy.FailureAction.PAUSE : switch (c.getFailureAction()) {
                    case PAUSE -> UpdatePolicy.FailureAction.PAUSE;
                    case CONTINUE -> UpdatePolicy.FailureAction.CONTINUE;
                    case ROLLBACK -> UpdatePolicy.FailureAction.ROLLBACK;
                },
                c.getMonitor() == null ? null : Duration.ofNanos(c.getMonitor()));
    }

    private static WorkloadPort port(PortConfig p) {
        return new WorkloadPort(p.getPublishedPort(), p.getTargetPort(),
                p.getProtocol() == null ? "tcp" : p.getProtocol().name(),
                p.getPublishMode() == PortConfig.PublishMode.host ? WorkloadPort.Mode.HOST : WorkloadPort.Mode.INGRESS);
    }

    private static HealthCheck healthcheck(com.github.dockerjava.api.model.HealthCheck h) {
        return new HealthCheck(h.getTest() == null ? List.of() : h.getTest(), nanos(h.getInterval()), nanos(h.getTimeout()),
                h.getRetries() == null ? 0 : h.getRetries(), nanos(h.getStartPeriod()));
    }

    private static Duration nanos(Long value) {
        return value == null || value == 0 ? null : Duration.ofNanos(value);
    }

    /** {@code checked}: whether the service's replicas run a healthcheck ({@link SwarmTaskHealth}). */
    static WorkloadTask task(Task t, Map<String, String> hostnames, boolean checked) {
        var status = t.getStatus();
        String state = status == null || status.getState() == null ? "" : status.getState().getValue();
        String error = status == null || status.getErr() == null ? "" : status.getErr();
        String container = status == null || status.getContainerStatus() == null ? "" : status.getContainerStatus().getContainerID();
        String image = t.getSpec() == null || t.getSpec().getContainerSpec() == null ? ""
                : stripDigest(String.valueOf(t.getSpec().getContainerSpec().getImage()));
        String node = t.getNodeId() == null ? "" : hostnames.getOrDefault(t.getNodeId(), t.getNodeId());
        return new WorkloadTask(t.getId(), t.getSlot() == null ? 0 : t.getSlot(), node, state,
                t.getDesiredState() == null ? "" : t.getDesiredState().getValue(), error, image, container,
                instant(t.getCreatedAt()), instant(status == null ? null : status.getTimestamp()),
                SwarmTaskHealth.of(checked, state, status == null ? "" : status.getMessage(), error));
    }

    static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    static Instant instant(java.util.Date date) {
        return date == null ? null : date.toInstant();
    }

    static NodeInfo node(SwarmNode n) {
        var spec = n.getSpec();
        var description = n.getDescription();
        var status = n.getStatus();
        return new NodeInfo(n.getId(),
                description == null ? "" : description.getHostname(),
                spec == null || spec.getRole() == null ? "" : spec.getRole().name().toLowerCase(Locale.ROOT),
                spec == null || spec.getAvailability() == null ? "" : spec.getAvailability().name().toLowerCase(Locale.ROOT),
                status == null || status.getState() == null ? "" : status.getState().name().toLowerCase(Locale.ROOT),
                status == null ? "" : status.getAddress(),
                n.getManagerStatus() != null && n.getManagerStatus().isLeader(),
                description == null || description.getEngine() == null ? "" : description.getEngine().getEngineVersion(),
                spec == null ? Map.of() : spec.getLabels());
    }

    /** Newest first, as {@code docker service ps} lists a service's tasks. */
    static List<WorkloadTask> newestFirst(List<WorkloadTask> tasks) {
        List<WorkloadTask> sorted = new ArrayList<>(tasks);
        sorted.sort((a, b) -> {
            int bySlot = Integer.compare(a.slot(), b.slot());
            if (bySlot != 0) {
                return bySlot;
            }
            Instant ta = a.created() == null ? Instant.EPOCH : a.created();
            Instant tb = b.created() == null ? Instant.EPOCH : b.created();
            return tb.compareTo(ta);
        });
        return sorted;
    }

    static String serviceName(Service s) {
        return s.getSpec() == null ? s.getId() : s.getSpec().getName();
    }
}
