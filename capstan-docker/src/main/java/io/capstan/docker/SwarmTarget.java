package io.capstan.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.LogSwarmObjectCmd;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.api.model.SwarmNode;
import com.github.dockerjava.api.model.Task;
import io.capstan.core.engine.LogOptions;
import io.capstan.core.engine.Subscription;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.model.LogLine;
import io.capstan.core.workload.Configs;
import io.capstan.core.workload.NodeInfo;
import io.capstan.core.workload.Nodes;
import io.capstan.core.workload.Secrets;
import io.capstan.core.workload.StoredObject;
import io.capstan.core.workload.TaskLogs;
import io.capstan.core.workload.WorkloadSpec;
import io.capstan.core.workload.WorkloadStatus;
import io.capstan.core.workload.WorkloadTarget;
import io.capstan.core.workload.WorkloadTask;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A Docker Swarm, reached through one of its managers, as a {@link WorkloadTarget}: a workload is a service. It
 * offers {@link Nodes}, {@link Secrets}, {@link Configs} and {@link TaskLogs}. Get one with
 * {@link DockerEngine#swarm()}.
 */
public final class SwarmTarget implements WorkloadTarget, Nodes, Secrets, Configs, TaskLogs {
    private final String endpoint;
    private final DockerClient client;
    private final DockerErrors errors;
    private final SwarmMembership membership;
    private final ServiceUpdates updates;
    private final ImageHealthchecks imageHealthchecks;
    private volatile boolean managerChecked;

    SwarmTarget(String endpoint, DockerClient client, DockerErrors errors, SwarmMembership membership, ServiceUpdates updates) {
        this.endpoint = endpoint;
        this.client = client;
        this.errors = errors;
        this.membership = membership;
        this.updates = updates;
        this.imageHealthchecks = new ImageHealthchecks(client);
    }

    @Override
    public String describe() {
        return "Docker Swarm at " + endpoint;
    }

    /** Refuses, in one line, an engine that cannot manage services: not in a swarm, or a worker. */
    private void requireManager() {
        if (!managerChecked) {
            membership.requireManager();
            managerChecked = true;
        }
    }

    @Override
    public WorkloadStatus create(WorkloadSpec spec) {
        requireManager();
        requireNetworks(spec);
        errors.call("service", spec.name(), () -> client.createServiceCmd(serviceSpec(spec)).exec());
        return inspect(spec.name());
    }

    private com.github.dockerjava.api.model.ServiceSpec serviceSpec(WorkloadSpec spec) {
        return StoredIds.fill(SwarmMapper.serviceSpec(spec), () -> ids(secrets(Map.of())), () -> ids(configs(Map.of())));
    }

    private static Map<String, String> ids(List<StoredObject> objects) {
        return objects.stream().collect(Collectors.toMap(StoredObject::name, StoredObject::id, (a, b) -> a));
    }

    /** A missing network would otherwise be a "not found" about the service itself. */
    private void requireNetworks(WorkloadSpec spec) {
        for (String network : spec.networks()) {
            try {
                errors.call("network", network, () -> client.inspectNetworkCmd().withNetworkId(network).exec());
            } catch (NotFoundException e) {
                throw new NotFoundException("network", network, "service '" + spec.name() + "': network '" + network
                        + "' not found: create it first (an overlay network: capstan swarm network create " + network + ")", e);
            }
        }
    }

    @Override
    public WorkloadStatus update(WorkloadSpec spec) {
        requireManager();
        requireNetworks(spec);
        Service current = service(spec.name());
        errors.run("service", spec.name(), () -> client.updateServiceCmd(current.getId(), serviceSpec(spec))
                .withVersion(current.getVersion().getIndex()).exec());
        return inspect(spec.name());
    }

    @Override
    public WorkloadStatus scale(String name, int replicas) {
        requireManager();
        updates.scale(name, replicas);
        return inspect(name);
    }

    @Override
    public WorkloadStatus rollback(String name) {
        requireManager();
        updates.rollback(name);
        return inspect(name);
    }

    @Override
    public void remove(String name) {
        requireManager();
        errors.run("service", name, () -> client.removeServiceCmd(name).exec());
    }

    @Override
    public List<WorkloadStatus> list(Map<String, String> labels) {
        requireManager();
        List<Service> services = errors.call("service", "list", () -> {
            var cmd = client.listServicesCmd();
            if (!labels.isEmpty()) {
                cmd.withLabelFilter(labels);
            }
            return cmd.exec();
        });
        if (services.isEmpty()) {
            return List.of();
        }
        Map<String, List<Task>> tasks = errors.call("task", "list", () -> client.listTasksCmd()
                .withServiceFilter(services.stream().map(Service::getId).toArray(String[]::new)).exec())
                .stream().collect(Collectors.groupingBy(Task::getServiceId));
        Map<String, String> hostnames = hostnames();
        Map<String, String> networks = networkNames();
        ImageHealthchecks.Reading images = imageHealthchecks.reading(services.stream()
                .map(SwarmTarget::imageChecked).filter(Objects::nonNull).toList());
        return services.stream()
                .map(s -> status(s, tasks.getOrDefault(s.getId(), List.of()), hostnames, networks, checked(s, images)))
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .toList();
    }

    @Override
    public WorkloadStatus inspect(String name) {
        requireManager();
        Service service = service(name);
        List<Task> tasks = errors.call("service", name, () -> client.listTasksCmd().withServiceFilter(service.getId()).exec());
        String image = imageChecked(service);
        return status(service, tasks, hostnames(), networkNames(),
                checked(service, imageHealthchecks.reading(image == null ? List.of() : List.of(image))));
    }

    /** Whether the service's replicas run a healthcheck: its own, else its image's as this manager knows the image. */
    private static boolean checked(Service service, ImageHealthchecks.Reading images) {
        String image = imageChecked(service);
        return image == null ? SwarmTaskHealth.checked(ownHealthcheck(service), null) : images.checked(image);
    }

    /** The image whose healthcheck the service's replicas run: none when the service gives its own. */
    private static String imageChecked(Service service) {
        var template = service.getSpec() == null ? null : service.getSpec().getTaskTemplate();
        var container = template == null ? null : template.getContainerSpec();
        var own = ownHealthcheck(service);
        return container == null || own != null && own.getTest() != null && !own.getTest().isEmpty()
                ? null : container.getImage();
    }

    private static HealthCheck ownHealthcheck(Service service) {
        var template = service.getSpec() == null ? null : service.getSpec().getTaskTemplate();
        return template == null || template.getContainerSpec() == null ? null
                : template.getContainerSpec().getHealthCheck();
    }

    private Service service(String name) {
        return errors.call("service", name, () -> client.inspectServiceCmd(name).exec());
    }

    private Map<String, String> hostnames() {
        Map<String, String> names = new HashMap<>();
        for (SwarmNode node : errors.call("node", "list", () -> client.listSwarmNodesCmd().exec())) {
            if (node.getDescription() != null && node.getDescription().getHostname() != null) {
                names.put(node.getId(), node.getDescription().getHostname());
            }
        }
        return names;
    }

    /** Swarm keeps the ids of the networks a service was given names of: show the names again. */
    private Map<String, String> networkNames() {
        Map<String, String> names = new HashMap<>();
        errors.call("network", "list", () -> client.listNetworksCmd().exec())
                .forEach(n -> names.put(n.getId(), n.getName()));
        return names;
    }

    private static WorkloadStatus status(Service service, List<Task> tasks, Map<String, String> hostnames,
                                         Map<String, String> networks, boolean checked) {
        WorkloadSpec parsed = SwarmMapper.workload(service.getSpec());
        WorkloadSpec spec = parsed.toBuilder()
                .networks(parsed.networks().stream().map(n -> networks.getOrDefault(n, n)).toList()).build();
        List<WorkloadTask> mapped = SwarmMapper.newestFirst(tasks.stream().map(t -> SwarmMapper.task(t, hostnames, checked)).toList());
        List<WorkloadTask> current = mapped.stream().filter(WorkloadTask::isCurrent).toList();
        int running = (int) current.stream().filter(WorkloadTask::isRunning).count();
        int desired = spec.mode() == WorkloadSpec.Mode.GLOBAL ? current.size() : spec.replicas();
        String updateState = service.getUpdateStatus() == null || service.getUpdateStatus().getState() == null
                ? "" : service.getUpdateStatus().getState().name().toLowerCase(java.util.Locale.ROOT);
        // Swarm reports a task with a healthcheck as running only once it is healthy: running replicas are ready.
        return new WorkloadStatus(service.getId(), spec, desired, running, running, mapped, updateState,
                SwarmMapper.instant(service.getCreatedAt()), SwarmMapper.instant(service.getUpdatedAt()));
    }

    @Override
    public Subscription logs(String name, LogOptions options, Consumer<LogLine> sink) {
        requireManager();
        Service service = service(name);
        return follow(client.logServiceCmd(service.getId()), "service", name, options, sink);
    }

    /** Through the manager, so that it reaches a task on any node. */
    @Override
    public Subscription taskLogs(String taskId, LogOptions options, Consumer<LogLine> sink) {
        requireManager();
        if (errors.call("task", taskId, () -> client.listTasksCmd().withIdFilter(taskId).exec()).isEmpty()) {
            throw new NotFoundException("task", taskId);
        }
        return follow(client.logTaskCmd(taskId), "task", taskId, options, sink);
    }

    private Subscription follow(LogSwarmObjectCmd cmd, String kind, String name, LogOptions options,
                                Consumer<LogLine> sink) {
        cmd.withStdout(true).withStderr(true).withFollow(options.follow()).withTimestamps(options.timestamps());
        if (options.tail() >= 0) {
            cmd.withTail(options.tail());
        }
        if (options.since() != null) {
            cmd.withSince((int) Math.max(0, Math.min(Integer.MAX_VALUE, options.since().getEpochSecond())));
        }
        LineSplitter out = new LineSplitter(LogLine.Stream.STDOUT, sink);
        LineSplitter err = new LineSplitter(LogLine.Stream.STDERR, sink);
        var callback = new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
                (frame.getStreamType() == StreamType.STDERR ? err : out).accept(frame.getPayload());
            }

            @Override
            public void onComplete() {
                out.flush();
                err.flush();
                super.onComplete();
            }
        };
        return CallbackSubscription.start(errors, kind, name, callback, cmd::exec);
    }

    @Override
    public List<NodeInfo> nodes() {
        requireManager();
        return errors.call("node", "list", () -> client.listSwarmNodesCmd().exec()).stream()
                .map(SwarmMapper::node)
                .sorted((a, b) -> a.hostname().compareTo(b.hostname()))
                .toList();
    }

    @Override
    public String createSecret(String name, byte[] data, Map<String, String> labels) {
        requireManager();
        return errors.call("secret", name, () -> client.createSecretCmd(SecretData.spec(name, data, labels)).exec().getId());
    }

    @Override
    public void removeSecret(String name) {
        requireManager();
        errors.run("secret", name, () -> client.removeSecretCmd(name).exec());
    }

    @Override
    public List<StoredObject> secrets(Map<String, String> labels) {
        requireManager();
        return errors.call("secret", "list", () -> {
            var cmd = client.listSecretsCmd();
            if (!labels.isEmpty()) {
                cmd.withLabelFilter(labels);
            }
            return cmd.exec().stream().map(s -> new StoredObject(s.getId(), s.getSpec() == null ? "" : s.getSpec().getName(),
                    s.getSpec() == null ? Map.of() : s.getSpec().getLabels(), SwarmMapper.instant(s.getCreatedAt()))).toList();
        });
    }

    @Override
    public String createConfig(String name, byte[] data, Map<String, String> labels) {
        requireManager();
        return errors.call("config", name, () -> client.createConfigCmd().withName(name).withData(data)
                .withLabels(labels).exec().getId());
    }

    @Override
    public void removeConfig(String name) {
        requireManager();
        errors.run("config", name, () -> client.removeConfigCmd(name).exec());
    }

    @Override
    public List<StoredObject> configs(Map<String, String> labels) {
        requireManager();
        return errors.call("config", "list", () -> {
            var cmd = client.listConfigsCmd();
            if (!labels.isEmpty()) {
                List<String> filters = new ArrayList<>();
                labels.forEach((k, v) -> filters.add(k + "=" + v));
                cmd.withFilters(Map.of("label", filters));
            }
            // docker-java's config model has no labels: filter by them on the engine, list the names.
            return cmd.exec().stream().map(c -> new StoredObject(c.getId(), c.getSpec() == null ? "" : c.getSpec().getName(),
                    Map.of(), SwarmMapper.instant(c.getCreatedAt()))).toList();
        });
    }
}
