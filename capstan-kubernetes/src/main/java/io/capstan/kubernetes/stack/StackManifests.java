package io.capstan.kubernetes.stack;

import io.capstan.core.error.ConfigException;
import io.capstan.core.spec.HealthCheck;
import io.capstan.core.spec.Mount;
import io.capstan.core.spec.PortMapping;
import io.capstan.core.workload.UpdatePolicy;
import io.capstan.stack.compose.ComposeProject;
import io.capstan.stack.compose.FileMount;
import io.capstan.stack.compose.FileSource;
import io.capstan.stack.compose.SwarmCompose;
import io.capstan.stack.compose.SwarmDeploy;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpecBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.ServiceSpecBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetUpdateStrategy;
import io.fabric8.kubernetes.api.model.apps.DaemonSetUpdateStrategyBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A stack's compose model as Kubernetes objects: each service a Deployment (a DaemonSet with {@code mode: global})
 * and a Service for its ports; ConfigMaps for its environment and configs, Secrets for its secrets, claims for its
 * named volumes. The same stack always gives the same objects.
 */
public final class StackManifests {
    /** A service's label choosing its Service's type. */
    public static final String SERVICE_TYPE = "capstan.kubernetes/service-type";
    /** A volume's labels giving its claim's size and storage class. */
    public static final String VOLUME_SIZE = "capstan.kubernetes/size";
    public static final String STORAGE_CLASS = "capstan.kubernetes/storage-class";
    private static final String DEFAULT_SIZE = "1Gi";

    private final SwarmCompose compose;
    private final KubeNames names = new KubeNames();
    private final KubernetesGaps gaps;
    private final String stack;

    private StackManifests(SwarmCompose compose) {
        this.compose = compose;
        this.gaps = new KubernetesGaps(compose.where());
        this.stack = names.of(compose.project().name());
    }

    public static RenderedStack render(SwarmCompose compose) {
        Objects objects = new StackManifests(compose).objects();
        return new RenderedStack(objects.all().stream().map(o -> new RenderedStack.Manifest(o.getKind(),
                o.getMetadata().getName(), ManifestFiles.fileName(o), ManifestFiles.yaml(o))).toList(),
                objects.warnings(), objects.renamed());
    }

    /** The objects themselves, for tests in this module: no fabric8 type leaves it. */
    record Objects(List<HasMetadata> all, List<String> warnings, Map<String, String> renamed) {
    }

    static Objects objects(SwarmCompose compose) {
        return new StackManifests(compose).objects();
    }

    private Objects objects() {
        ComposeProject project = compose.project();
        List<HasMetadata> stored = new ArrayList<>();
        List<HasMetadata> claims = new ArrayList<>();
        List<HasMetadata> services = new ArrayList<>();
        List<HasMetadata> workloads = new ArrayList<>();
        Map<String, HasMetadata> files = new TreeMap<>();
        for (ComposeProject.Service s : project.services().values()) {
            SwarmDeploy d = compose.deploy().get(s.name());
            gaps.check(s, d);
            String name = names.of(s.name());
            if (!s.environment().isEmpty()) {
                stored.add(new ConfigMapBuilder().withMetadata(meta(name + "-env", s.name()))
                        .withData(new TreeMap<>(s.environment())).build());
            }
            for (FileMount f : s.files()) {
                files.computeIfAbsent(f.kind() + "/" + f.source(), k -> storedFile(f));
            }
            for (Mount m : s.mounts()) {
                if (m.type() == Mount.Type.VOLUME && !m.source().isEmpty()) {
                    ComposeProject.Volume v = volume(m.source());
                    if (v != null && v.external()) {
                        continue;
                    }
                    String claim = names.of(v == null ? m.source() : v.key());
                    if (claims.stream().noneMatch(c -> c.getMetadata().getName().equals(claim))) {
                        claims.add(claim(claim, v));
                    }
                }
            }
            Service service = service(s, d, name);
            if (service != null) {
                services.add(service);
            }
            workloads.add(workload(s, d, name));
        }
        List<HasMetadata> all = new ArrayList<>(stored);
        all.addAll(files.values());
        all.addAll(claims);
        all.addAll(services);
        all.addAll(workloads);
        List<String> warnings = new ArrayList<>(KubernetesGaps.modelWarnings(compose));
        warnings.addAll(gaps.warnings());
        return new Objects(List.copyOf(all), List.copyOf(warnings), names.renamed());
    }

    private ObjectMeta meta(String name, String service) {
        return new ObjectMetaBuilder().withName(name)
                .withLabels(service == null ? StackLabelSet.stack(stack) : StackLabelSet.service(stack, names.of(service)))
                .build();
    }

    private HasMetadata storedFile(FileMount f) {
        byte[] content;
        try {
            content = Files.readAllBytes(f.hostFile());
        } catch (IOException e) {
            throw new ConfigException(compose.where().apply(f.kind().key() + "." + f.source()) + "cannot read "
                    + f.hostFile() + " for " + f.kind().key() + " '" + f.source() + "'", e);
        }
        String name = fileObjectName(f);
        String key = fileKey(f);
        if (f.kind() == FileSource.Kind.SECRET) {
            return new SecretBuilder().withMetadata(meta(name, null)).withType("Opaque")
                    .withData(Map.of(key, Base64.getEncoder().encodeToString(content))).build();
        }
        return new ConfigMapBuilder().withMetadata(meta(name, null))
                .withBinaryData(Map.of(key, Base64.getEncoder().encodeToString(content))).build();
    }

    private String fileObjectName(FileMount f) {
        return names.of(f.kind() == FileSource.Kind.SECRET ? "secret-" + f.source() : "config-" + f.source());
    }

    private static String fileKey(FileMount f) {
        String path = f.containerPath();
        String base = path.substring(path.lastIndexOf('/') + 1);
        return base.replaceAll("[^-._a-zA-Z0-9]", "_");
    }

    private ComposeProject.Volume volume(String engineName) {
        return compose.project().volumes().values().stream().filter(v -> v.name().equals(engineName)).findFirst().orElse(null);
    }

    private HasMetadata claim(String name, ComposeProject.Volume v) {
        Map<String, String> labels = v == null ? Map.of() : v.labels();
        String size = labels.getOrDefault(VOLUME_SIZE, DEFAULT_SIZE);
        var spec = new PersistentVolumeClaimSpecBuilder().withAccessModes("ReadWriteOnce")
                .withNewResources().withRequests(Map.of("storage", new Quantity(size))).endResources();
        if (labels.containsKey(STORAGE_CLASS)) {
            spec.withStorageClassName(labels.get(STORAGE_CLASS));
        }
        return new PersistentVolumeClaimBuilder().withMetadata(meta(name, null)).withSpec(spec.build()).build();
    }

    private Service service(ComposeProject.Service s, SwarmDeploy d, String name) {
        Map<String, ServicePort> ports = new LinkedHashMap<>();
        boolean published = false;
        for (PortMapping p : s.ports()) {
            published |= p.hostPort() > 0;
            String key = p.containerPort() + "/" + p.protocol();
            if (ports.containsKey(key)) {
                continue;
            }
            ServicePortBuilder port = new ServicePortBuilder().withName(p.protocol() + "-" + p.containerPort())
                    .withProtocol(p.protocol().toUpperCase(Locale.ROOT)).withPort(p.containerPort())
                    .withTargetPort(new IntOrString(p.containerPort()));
            if (p.hostPort() >= 30000 && p.hostPort() <= 32767) {
                port.withNodePort(p.hostPort());
            }
            ports.put(key, port.build());
        }
        if (ports.isEmpty()) {
            return null;
        }
        String type = s.labels().get(SERVICE_TYPE);
        if (type == null) {
            type = published ? "NodePort" : "ClusterIP";
        } else if (!List.of("ClusterIP", "NodePort", "LoadBalancer").contains(type)) {
            throw new ConfigException(compose.where().apply("services." + s.name() + ".labels") + "service '"
                    + s.name() + "': label " + SERVICE_TYPE + " '" + type + "' is not ClusterIP, NodePort or LoadBalancer");
        }
        List<ServicePort> list = new ArrayList<>(ports.values());
        if (type.equals("ClusterIP")) {
            list = list.stream().map(p -> new ServicePortBuilder(p).withNodePort(null).build()).toList();
        } else {
            for (PortMapping p : s.ports()) {
                if (p.hostPort() > 0 && (p.hostPort() < 30000 || p.hostPort() > 32767)) {
                    gaps.warn(s.name(), "ports", "published port " + p.hostPort() + " is outside Kubernetes' node "
                            + "port range 30000-32767: the cluster picks the node port");
                }
            }
        }
        var spec = new ServiceSpecBuilder().withType(type).withSelector(StackLabelSet.selector(stack, name)).withPorts(list);
        if (d.endpointMode() == io.capstan.core.workload.WorkloadSpec.EndpointMode.DNSRR && type.equals("ClusterIP")) {
            spec.withClusterIP("None");
        }
        return new ServiceBuilder().withMetadata(meta(name, s.name())).withSpec(spec.build()).build();
    }

    private HasMetadata workload(ComposeProject.Service s, SwarmDeploy d, String name) {
        PodTemplateSpec template = new PodTemplateSpecBuilder()
                .withMetadata(new ObjectMetaBuilder().withLabels(StackLabelSet.service(stack, name)).build())
                .withSpec(podSpec(s, name)).build();
        LabelSelector selector = new LabelSelectorBuilder().withMatchLabels(StackLabelSet.selector(stack, name)).build();
        UpdatePolicy u = d.update();
        IntOrString parallelism = new IntOrString(Math.max(1, u.parallelism()));
        boolean startFirst = u.order() == UpdatePolicy.Order.START_FIRST;
        Integer minReady = u.monitor() == null ? null : seconds(u.monitor());
        if (d.global()) {
            DaemonSetUpdateStrategy strategy = new DaemonSetUpdateStrategyBuilder().withType("RollingUpdate")
                    .withNewRollingUpdate().withMaxSurge(startFirst ? parallelism : new IntOrString(0))
                    .withMaxUnavailable(startFirst ? new IntOrString(0) : parallelism).endRollingUpdate().build();
            return new DaemonSetBuilder().withMetadata(meta(name, s.name())).withNewSpec().withSelector(selector)
                    .withTemplate(template).withUpdateStrategy(strategy).withMinReadySeconds(minReady).endSpec().build();
        }
        DeploymentStrategy strategy = new DeploymentStrategyBuilder().withType("RollingUpdate")
                .withNewRollingUpdate().withMaxSurge(startFirst ? parallelism : new IntOrString(0))
                .withMaxUnavailable(startFirst ? new IntOrString(0) : parallelism).endRollingUpdate().build();
        return new DeploymentBuilder().withMetadata(meta(name, s.name())).withNewSpec().withReplicas(s.replicas())
                .withSelector(selector).withTemplate(template).withStrategy(strategy).withMinReadySeconds(minReady)
                .endSpec().build();
    }

    private PodSpec podSpec(ComposeProject.Service s, String name) {
        List<Volume> volumes = new ArrayList<>();
        List<VolumeMount> mounts = new ArrayList<>();
        int n = 0;
        for (Mount m : s.mounts()) {
            String volumeName = "v" + n++;
            switch (m.type()) {
                case BIND -> {
                    continue;
                }
                case TMPFS -> volumes.add(new VolumeBuilder().withName(volumeName).withNewEmptyDir().withMedium("Memory")
                        .withSizeLimit(m.options().tmpfsSize() == null ? null : new Quantity(String.valueOf(m.options().tmpfsSize())))
                        .endEmptyDir().build());
                case VOLUME -> {
                    ComposeProject.Volume v = m.source().isEmpty() ? null : volume(m.source());
                    if (m.source().isEmpty()) {
                        volumes.add(new VolumeBuilder().withName(volumeName).withNewEmptyDir().endEmptyDir().build());
                    } else {
                        volumes.add(new VolumeBuilder().withName(volumeName).withNewPersistentVolumeClaim()
                                .withClaimName(names.of(v == null ? m.source() : v.external() ? v.name() : v.key()))
                                .withReadOnly(m.readOnly() ? true : null).endPersistentVolumeClaim().build());
                    }
                }
            }
            mounts.add(new VolumeMountBuilder().withName(volumeName).withMountPath(m.target())
                    .withReadOnly(m.readOnly() ? true : null).withSubPath(m.options().subpath()).build());
        }
        for (String path : new TreeMap<>(s.settings().process().tmpfs()).keySet()) {
            String volumeName = "v" + n++;
            volumes.add(new VolumeBuilder().withName(volumeName).withNewEmptyDir().withMedium("Memory").endEmptyDir().build());
            mounts.add(new VolumeMountBuilder().withName(volumeName).withMountPath(path).build());
        }
        for (FileMount f : s.files()) {
            String volumeName = "v" + n++;
            String key = fileKey(f);
            VolumeBuilder volume = new VolumeBuilder().withName(volumeName);
            int mode = f.mode() == null ? 0444 : f.mode();
            if (f.kind() == FileSource.Kind.SECRET) {
                volume.withNewSecret().withSecretName(fileObjectName(f)).withDefaultMode(mode).endSecret();
            } else {
                volume.withNewConfigMap().withName(fileObjectName(f)).withDefaultMode(mode).endConfigMap();
            }
            volumes.add(volume.build());
            mounts.add(new VolumeMountBuilder().withName(volumeName).withMountPath(f.containerPath()).withSubPath(key)
                    .withReadOnly(true).build());
        }
        ContainerBuilder c = new ContainerBuilder().withName(name).withImage(s.image())
                .withCommand(s.entrypoint() == null ? null : s.entrypoint())
                .withArgs(s.command() == null ? null : s.command())
                .withWorkingDir(s.workingDir())
                .withVolumeMounts(mounts)
                .withResources(resources(s));
        if (!s.environment().isEmpty()) {
            c.withEnvFrom(new EnvFromSourceBuilder().withNewConfigMapRef().withName(name + "-env").endConfigMapRef().build());
        }
        Map<String, ContainerPort> ports = new LinkedHashMap<>();
        for (PortMapping p : s.ports()) {
            ports.putIfAbsent(p.containerPort() + "/" + p.protocol(), new ContainerPortBuilder()
                    .withContainerPort(p.containerPort()).withProtocol(p.protocol().toUpperCase(Locale.ROOT)).build());
        }
        c.withPorts(new ArrayList<>(ports.values()));
        Probe probe = probe(s.healthCheck());
        if (probe != null) {
            c.withReadinessProbe(probe).withLivenessProbe(probe);
        }
        if (s.user() != null && s.user().matches("\\d+")) {
            c.withNewSecurityContext().withRunAsUser(Long.parseLong(s.user())).endSecurityContext();
        }
        Duration grace = s.settings().process().stopGracePeriod();
        return new PodSpecBuilder().withContainers(c.build()).withVolumes(volumes)
                .withHostname(s.hostname())
                .withTerminationGracePeriodSeconds(grace == null ? null : (long) seconds(grace)).build();
    }

    private ResourceRequirements resources(ComposeProject.Service s) {
        SwarmDeploy d = compose.deploy().get(s.name());
        Map<String, Quantity> limits = quantities(s.resources().nanoCpus(), s.resources().memoryBytes());
        Map<String, Quantity> requests = quantities(d.reservations().nanoCpus(), d.reservations().memoryBytes());
        if (limits.isEmpty() && requests.isEmpty()) {
            return null;
        }
        return new ResourceRequirementsBuilder().withLimits(limits.isEmpty() ? null : limits)
                .withRequests(requests.isEmpty() ? null : requests).build();
    }

    private static Map<String, Quantity> quantities(long nanoCpus, long memoryBytes) {
        Map<String, Quantity> q = new TreeMap<>();
        if (nanoCpus > 0) {
            q.put("cpu", new Quantity(Math.max(1, nanoCpus / 1_000_000) + "m"));
        }
        if (memoryBytes > 0) {
            q.put("memory", new Quantity(String.valueOf(memoryBytes)));
        }
        return q;
    }

    private static Probe probe(HealthCheck h) {
        if (h == null || h.keepsImageTest() || h.test().getFirst().equals("NONE")) {
            return null;
        }
        List<String> command = h.test().getFirst().equals("CMD-SHELL")
                ? List.of("/bin/sh", "-c", String.join(" ", h.test().subList(1, h.test().size())))
                : h.test().getFirst().equals("CMD") ? h.test().subList(1, h.test().size()) : h.test();
        return new ProbeBuilder().withNewExec().withCommand(command).endExec()
                .withPeriodSeconds(h.interval() == null ? null : seconds(h.interval()))
                .withTimeoutSeconds(h.timeout() == null ? null : seconds(h.timeout()))
                .withFailureThreshold(h.retries() > 0 ? h.retries() : null)
                .withInitialDelaySeconds(h.startPeriod() == null ? null : seconds(h.startPeriod())).build();
    }

    /** Kubernetes counts whole seconds: a part of one rounds up, so that nothing is cut shorter than asked. */
    private static int seconds(Duration d) {
        long s = d.toSeconds() + (d.toNanosPart() > 0 ? 1 : 0);
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, s));
    }
}
