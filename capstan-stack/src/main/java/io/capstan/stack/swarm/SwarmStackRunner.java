package io.capstan.stack.swarm;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.LogOptions;
import io.capstan.core.engine.Subscription;
import io.capstan.core.error.CapstanException;
import io.capstan.core.error.ConflictException;
import io.capstan.core.error.EngineException;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.model.LogLine;
import io.capstan.core.spec.Ipam;
import io.capstan.core.spec.NetworkSpec;
import io.capstan.core.workload.Configs;
import io.capstan.core.workload.Secrets;
import io.capstan.core.workload.StoredObject;
import io.capstan.core.workload.WorkloadSpec;
import io.capstan.core.workload.WorkloadStatus;
import io.capstan.core.workload.WorkloadTarget;
import io.capstan.stack.compose.ComposeProject;
import io.capstan.stack.compose.FileMount;
import io.capstan.stack.compose.FileSource;
import io.capstan.stack.compose.SwarmCompose;
import io.capstan.stack.run.StackProgress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * {@code up}, {@code down}, {@code ps}, {@code plan} and {@code logs} of a stack on a Swarm: services labelled
 * {@code com.docker.stack.namespace} as {@code docker stack deploy} makes them, on overlay networks.
 */
public final class SwarmStackRunner {
    private final ContainerEngine engine;
    private final WorkloadTarget target;
    private final SwarmCompose compose;
    private final Map<String, WorkloadSpec> specs;
    private final StackProgress progress;
    private final String stack;

    /** @param originLabels labels saying where the stack came from, such as its config file */
    public SwarmStackRunner(ContainerEngine engine, WorkloadTarget target, SwarmCompose compose,
                            Map<String, String> originLabels, StackProgress progress) {
        this.engine = engine;
        this.target = target;
        this.compose = compose;
        this.specs = StackWorkloads.of(compose, originLabels);
        this.progress = progress;
        this.stack = compose.project().name();
    }

    /** True when a service needs the routing mesh or a virtual IP (IPVS in the kernel). */
    public boolean usesRoutingMesh() {
        return specs.values().stream().anyMatch(w -> w.endpointMode() == WorkloadSpec.EndpointMode.VIP
                || w.ports().stream().anyMatch(p -> p.mode() == io.capstan.core.workload.WorkloadPort.Mode.INGRESS));
    }

    /** What {@code up} would do to each service: create, update or nothing; and, with prune, remove. */
    public record Step(String service, String action) {
    }

    public List<Step> plan(boolean prune) {
        Map<String, WorkloadStatus> existing = existing();
        List<Step> steps = new ArrayList<>();
        specs.forEach((service, spec) -> {
            WorkloadStatus current = existing.get(spec.name());
            steps.add(new Step(service, current == null ? "create"
                    : spec.labels().get(SwarmNames.SPEC_HASH).equals(current.labels().get(SwarmNames.SPEC_HASH))
                    ? "unchanged" : "update"));
        });
        existing.keySet().stream().filter(name -> !serviceNames().contains(name))
                .forEach(name -> steps.add(new Step(name, prune ? "remove" : "not in the stack (--prune removes it)")));
        return steps;
    }

    /**
     * Checks everything first, then creates the networks, secrets, configs and services (dependencies first), and
     * unless {@code detach} waits until every service converged.
     *
     * @param beforeCreate runs once the checks passed, before anything is created (image builds)
     * @return the stack's services as they were read once all converged (empty with {@code detach})
     */
    public List<WorkloadStatus> up(boolean detach, boolean prune, Duration timeout, Runnable beforeCreate)
            throws InterruptedException {
        Map<String, WorkloadStatus> existing = existing(); // refuses an engine that is no swarm manager
        SwarmChecks.check(compose, specs, target, engine).forEach(progress::warning);
        beforeCreate.run();
        createNetworks();
        createStored(FileSource.Kind.SECRET);
        createStored(FileSource.Kind.CONFIG);
        List<String> changed = new ArrayList<>();
        Set<String> updated = new HashSet<>();
        for (Map.Entry<String, WorkloadSpec> e : specs.entrySet()) {
            WorkloadSpec spec = e.getValue();
            WorkloadStatus current = existing.get(spec.name());
            if (current == null) {
                progress.update(e.getKey(), "creating", spec.name());
                target.create(spec);
            } else if (!spec.labels().get(SwarmNames.SPEC_HASH).equals(current.labels().get(SwarmNames.SPEC_HASH))) {
                progress.update(e.getKey(), "updating", spec.name());
                target.update(spec);
                updated.add(spec.name());
            } else {
                progress.update(e.getKey(), "unchanged", spec.name());
                continue;
            }
            changed.add(spec.name());
        }
        if (prune) {
            existing.keySet().stream().filter(name -> !serviceNames().contains(name)).forEach(name -> {
                progress.update(name, "removing", "no longer in the stack");
                target.remove(name);
            });
        }
        if (detach) {
            return List.of();
        }
        List<WorkloadStatus> converged = new SwarmConvergence(target, progress)
                .await(serviceNames(), updated, SwarmNames.filter(stack), timeout);
        removeUnusedStored();
        return converged;
    }

    private Set<String> serviceNames() {
        return specs.values().stream().map(WorkloadSpec::name).collect(Collectors.toSet());
    }

    private Map<String, WorkloadStatus> existing() {
        Map<String, WorkloadStatus> existing = new LinkedHashMap<>();
        target.list(SwarmNames.filter(stack)).forEach(s -> existing.put(s.name(), s));
        return existing;
    }

    private void createNetworks() {
        for (ComposeProject.Network network : compose.project().networks().values()) {
            if (network.external() || !SwarmChecks.usedByAService(compose.project(), network.key())
                    || SwarmChecks.find(engine, network.name()) != null) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>(network.labels());
            labels.putAll(SwarmNames.labels(stack));
            engine.networks().create(new NetworkSpec(network.name(), "overlay", labels, network.internal(),
                    network.driverOpts(), network.ipam() == null ? Ipam.DEFAULT : network.ipam(), network.enableIpv6(), true));
        }
    }

    private void createStored(FileSource.Kind kind) {
        Map<String, FileMount> wanted = StackWorkloads.storedFiles(compose.project(), kind);
        if (wanted.isEmpty()) {
            return;
        }
        Set<String> present = stored(kind).stream().map(StoredObject::name).collect(Collectors.toSet());
        wanted.forEach((name, file) -> {
            if (present.contains(name)) {
                return;
            }
            byte[] data;
            try {
                data = Files.readAllBytes(file.hostFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file.hostFile() + " for " + kind.name().toLowerCase() + " '"
                        + file.source() + "'", e);
            }
            if (kind == FileSource.Kind.SECRET) {
                secrets().createSecret(name, data, SwarmNames.labels(stack));
            } else {
                configs().createConfig(name, data, SwarmNames.labels(stack));
            }
        });
    }

    private List<StoredObject> stored(FileSource.Kind kind) {
        return kind == FileSource.Kind.SECRET ? secrets().secrets(SwarmNames.filter(stack))
                : configs().configs(SwarmNames.filter(stack));
    }

    /** Secrets and configs of earlier contents, once the services use the new ones. */
    private void removeUnusedStored() {
        for (FileSource.Kind kind : FileSource.Kind.values()) {
            Set<String> wanted = StackWorkloads.storedFiles(compose.project(), kind).keySet();
            for (StoredObject old : stored(kind)) {
                if (!wanted.contains(old.name())) {
                    try {
                        if (kind == FileSource.Kind.SECRET) {
                            secrets().removeSecret(old.name());
                        } else {
                            configs().removeConfig(old.name());
                        }
                    } catch (ConflictException stillInUse) {
                        // an old task still holds it: the next up or down removes it
                    }
                }
            }
        }
    }

    private Secrets secrets() {
        return target.capability(Secrets.class).orElseThrow(() -> new EngineException(target.describe() + " stores no secrets"));
    }

    private Configs configs() {
        return target.capability(Configs.class).orElseThrow(() -> new EngineException(target.describe() + " stores no configs"));
    }

    /** Removes the stack's services, then its networks, secrets and configs: what carries its namespace label and Capstan's. */
    public void down() throws InterruptedException {
        for (WorkloadStatus service : target.list(SwarmNames.filter(stack))) {
            progress.update(service.labels().getOrDefault(io.capstan.core.label.Labels.SERVICE, service.name()), "removing", "");
            target.remove(service.name());
        }
        // A network is in use until the removed services' task containers are gone (those of this node can be seen).
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        var taskContainers = io.capstan.core.engine.ContainerFilter.allWithLabels(Map.of(SwarmNames.NAMESPACE, stack));
        while (!engine.containers().list(taskContainers).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        for (var network : engine.networks().list(SwarmNames.filter(stack))) {
            while (true) {
                try {
                    engine.networks().remove(network.name());
                    break;
                } catch (NotFoundException gone) {
                    break;
                } catch (CapstanException inUse) {
                    if (System.nanoTime() > deadline) {
                        throw inUse;
                    }
                    Thread.sleep(250);
                }
            }
        }
        for (FileSource.Kind kind : FileSource.Kind.values()) {
            boolean offered = kind == FileSource.Kind.SECRET ? target.capability(Secrets.class).isPresent()
                    : target.capability(Configs.class).isPresent();
            if (!offered) {
                continue;
            }
            for (StoredObject object : stored(kind)) {
                if (kind == FileSource.Kind.SECRET) {
                    secrets().removeSecret(object.name());
                } else {
                    configs().removeConfig(object.name());
                }
            }
        }
    }

    /** The stack's services as the swarm reports them. */
    public List<WorkloadStatus> ps() {
        return target.list(SwarmNames.filter(stack));
    }

    /** The output of the named services (all when none are named), each line with its service's name. */
    public List<Subscription> logs(List<String> only, LogOptions options, BiConsumer<String, LogLine> sink) {
        List<Subscription> streams = new ArrayList<>();
        specs.forEach((service, spec) -> {
            if (only.isEmpty() || only.contains(service)) {
                streams.add(target.logs(spec.name(), options, line -> sink.accept(service, line)));
            }
        });
        return streams;
    }
}
