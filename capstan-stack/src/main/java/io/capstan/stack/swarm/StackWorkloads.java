package io.capstan.stack.swarm;

import io.capstan.core.error.ConfigException;
import io.capstan.core.error.InvalidSpecException;
import io.capstan.core.hash.ConfigHash;
import io.capstan.core.label.Labels;
import io.capstan.core.spec.Mount;
import io.capstan.core.spec.PortMapping;
import io.capstan.core.spec.VolumeSpec;
import io.capstan.core.workload.ReplicaSettings;
import io.capstan.core.workload.WorkloadPort;
import io.capstan.core.workload.WorkloadResources;
import io.capstan.core.workload.WorkloadSpec;
import io.capstan.stack.compose.ComposeProject;
import io.capstan.stack.compose.FileMount;
import io.capstan.stack.compose.FileSource;
import io.capstan.stack.compose.SwarmCompose;
import io.capstan.stack.compose.SwarmDeploy;
import io.capstan.stack.run.DependencyGraph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** A stack's services as Swarm workloads, in {@code depends_on} order, named and labelled as Docker's stack deploy does. */
public final class StackWorkloads {
    private StackWorkloads() {
    }

    /** Workloads by service, dependencies first. */
    public static Map<String, WorkloadSpec> of(SwarmCompose compose, Map<String, String> originLabels) {
        ComposeProject project = compose.project();
        Map<String, WorkloadSpec> specs = new LinkedHashMap<>();
        for (String name : dependencyOrder(project)) {
            ComposeProject.Service service = project.services().get(name);
            try {
                specs.put(name, spec(project, service, compose.deploy().get(name), originLabels));
            } catch (InvalidSpecException e) {
                throw new ConfigException(compose.where().apply("services." + name + ".deploy") + "service '" + name
                        + "': " + e.getMessage(), e);
            }
        }
        return specs;
    }

    static List<String> dependencyOrder(ComposeProject project) {
        DependencyGraph graph = new DependencyGraph(project);
        Set<String> ordered = new LinkedHashSet<>();
        project.services().keySet().forEach(s -> visit(s, graph, ordered));
        return List.copyOf(ordered);
    }

    private static void visit(String service, DependencyGraph graph, Set<String> ordered) {
        if (!ordered.contains(service)) {
            graph.dependenciesOf(service).forEach(d -> visit(d, graph, ordered));
            ordered.add(service);
        }
    }

    private static WorkloadSpec spec(ComposeProject project, ComposeProject.Service s, SwarmDeploy d,
                                     Map<String, String> originLabels) {
        String stack = project.name();
        Map<String, String> labels = new LinkedHashMap<>(d.labels());
        labels.putAll(SwarmNames.labels(stack));
        labels.put(Labels.SERVICE, s.name());
        labels.put(Labels.SWARM_STACK_IMAGE, s.image());
        labels.putAll(originLabels);
        Map<String, String> containerLabels = new LinkedHashMap<>(s.labels());
        containerLabels.put(SwarmNames.NAMESPACE, stack);
        var b = WorkloadSpec.builder(SwarmNames.service(stack, s.name()), s.image())
                .command(s.command() == null ? List.of() : s.command())
                .env(s.environment())
                .resources(new WorkloadResources(s.resources(), d.reservations()))
                .update(d.update())
                .rollback(d.rollback())
                .restart(d.restart())
                .networks(s.networksByPriority().stream().map(k -> project.networks().get(k).name()).toList())
                .mounts(s.mounts())
                .healthcheck(s.healthCheck())
                .constraints(d.constraints())
                .endpointMode(d.endpointMode())
                .ports(ports(s, d));
        volumes(project, s).forEach(b::volume);
        if (d.global()) {
            b.global();
        } else {
            b.replicas(s.replicas());
        }
        List<String> aliases = new ArrayList<>(List.of(s.name()));
        s.networks().values().forEach(n -> n.aliases().stream().filter(a -> !aliases.contains(a)).forEach(aliases::add));
        b.replica(new ReplicaSettings(s.entrypoint() == null ? List.of() : s.entrypoint(), s.user(), s.workingDir(),
                s.hostname(), s.extraHosts(), s.settings().process().stopGracePeriod(), containerLabels, aliases,
                files(stack, s, FileSource.Kind.SECRET), files(stack, s, FileSource.Kind.CONFIG)));
        WorkloadSpec spec = b.build();
        labels.put(SwarmNames.SPEC_HASH, hash(spec));
        return spec.toBuilder().labels(labels).build();
    }

    private static List<WorkloadPort> ports(ComposeProject.Service s, SwarmDeploy d) {
        List<WorkloadPort> ports = new ArrayList<>();
        for (PortMapping p : s.ports()) {
            WorkloadPort.Mode mode = d.hostModePorts().contains(p.containerPort()) ? WorkloadPort.Mode.HOST : WorkloadPort.Mode.INGRESS;
            if (p.hostPort() == 0) {
                ports.add(new WorkloadPort(0, p.containerPort(), p.protocol(), mode));
                continue;
            }
            int end = Math.max(p.hostPort(), p.hostPortEnd());
            for (int host = p.hostPort(); host <= end; host++) {
                ports.add(new WorkloadPort(host, p.containerPort(), p.protocol(), mode));
            }
        }
        return ports;
    }

    private static List<ReplicaSettings.FileRef> files(String stack, ComposeProject.Service s, FileSource.Kind kind) {
        return s.files().stream().filter(f -> f.kind() == kind)
                .map(f -> new ReplicaSettings.FileRef(SwarmNames.stored(stack, f.source(), f.contentHash()),
                        kind == FileSource.Kind.SECRET ? f.containerPath().replaceFirst("^/run/secrets/", "") : f.containerPath(),
                        f.mode() == null ? 0444 : f.mode()))
                .toList();
    }

    /**
     * The stack's named volumes this service mounts, as each node should make them: the volume's driver, options and
     * labels, plus the stack's namespace label (so {@code docker volume ls} tells which stack a volume belongs to).
     */
    private static List<VolumeSpec> volumes(ComposeProject project, ComposeProject.Service s) {
        Map<String, ComposeProject.Volume> byName = new LinkedHashMap<>();
        project.volumes().values().stream().filter(v -> !v.external()).forEach(v -> byName.put(v.name(), v));
        return s.mounts().stream().filter(m -> m.type() == Mount.Type.VOLUME && byName.containsKey(m.source()))
                .map(m -> byName.get(m.source())).distinct()
                .map(v -> {
                    Map<String, String> labels = new LinkedHashMap<>(v.labels());
                    labels.putAll(SwarmNames.labels(project.name()));
                    return new VolumeSpec(v.name(), v.driver(), labels, v.driverOpts());
                }).toList();
    }

    /** The secrets and configs the services mount, by their Swarm name. */
    public static Map<String, FileMount> storedFiles(ComposeProject project, FileSource.Kind kind) {
        Map<String, FileMount> files = new TreeMap<>();
        project.services().values().forEach(s -> s.files().stream().filter(f -> f.kind() == kind)
                .forEach(f -> files.put(SwarmNames.stored(project.name(), f.source(), f.contentHash()), f)));
        return files;
    }

    /** The named volumes' settings in a fixed order (a record's maps print in an order that differs per run). */
    private static String volumesText(WorkloadSpec w) {
        return new TreeMap<>(w.volumes()).values().stream().map(v -> v.name() + " " + v.driver() + " "
                + new TreeMap<>(v.labels()) + " " + new TreeMap<>(v.driverOpts())).toList().toString();
    }

    /** A hash of everything in the spec, independent of the order of its maps. */
    static String hash(WorkloadSpec w) {
        String text = String.join("\n", w.image(), String.valueOf(w.command()), String.valueOf(new TreeMap<>(w.env())),
                String.valueOf(w.ports()), String.valueOf(w.resources()), String.valueOf(w.mode()),
                String.valueOf(w.replicas()), String.valueOf(w.update()), String.valueOf(w.rollback()),
                String.valueOf(w.restart()), String.valueOf(w.networks()), String.valueOf(w.mounts()),
                String.valueOf(w.healthcheck()), String.valueOf(new TreeMap<>(w.labels())), String.valueOf(w.constraints()),
                String.valueOf(w.endpointMode()), String.valueOf(w.replica().entrypoint()), w.replica().user(),
                w.replica().workingDir(), w.replica().hostname(), String.valueOf(w.replica().extraHosts()),
                String.valueOf(w.replica().stopGracePeriod()), String.valueOf(new TreeMap<>(w.replica().containerLabels())),
                String.valueOf(w.replica().aliases()), String.valueOf(w.replica().secrets()),
                String.valueOf(w.replica().configs()))
                // named volumes' settings joined the spec later: stacks without any keep the hash they had
                + (w.volumes().isEmpty() ? "" : "\n" + volumesText(w));
        return ConfigHash.of(text, 16);
    }
}
