package io.capstan.kubernetes.workload;

import io.capstan.core.error.InvalidSpecException;
import io.capstan.core.spec.HealthCheck;
import io.capstan.core.spec.Mount;
import io.capstan.core.spec.Resources;
import io.capstan.core.workload.ReplicaSettings;
import io.capstan.core.workload.UpdatePolicy;
import io.capstan.core.workload.WorkloadPort;
import io.capstan.core.workload.WorkloadRestart;
import io.capstan.core.workload.WorkloadSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetUpdateStrategy;
import io.fabric8.kubernetes.api.model.apps.DaemonSetUpdateStrategyBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link WorkloadSpec} as Kubernetes objects: a Deployment (a global one: a DaemonSet) of one container, and a
 * Service for its ingress ports. What Kubernetes cannot keep is refused before anything is sent, one line each.
 */
final class WorkloadManifest {
    static final String WORKLOAD = "io.capstan.workload";
    static final String IMAGE = "io.capstan.image";
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String LABEL_KEYS = "capstan.io/label-keys";
    static final String UPDATE = "capstan.io/update-policy";
    static final String ROLLBACK = "capstan.io/rollback-policy";
    static final String ENDPOINT_MODE = "capstan.io/endpoint-mode";
    static final String HOSTNAME_LABEL = "kubernetes.io/hostname";
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
    private static final Pattern KEY = Pattern.compile("([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
    private static final Pattern CONSTRAINT = Pattern.compile("node\\.(labels\\.([^=!\\s]+)|hostname)\\s*==\\s*(\\S+)");

    private WorkloadManifest() {
    }

    static Deployment deployment(WorkloadSpec spec, String namespace) {
        check(spec);
        return new DeploymentBuilder().withMetadata(metadata(spec, namespace))
                .withNewSpec().withReplicas(spec.replicas())
                .withNewSelector().withMatchLabels(selector(spec.name())).endSelector()
                .withTemplate(template(spec)).withStrategy(strategy(spec.update()))
                .withMinReadySeconds(minReady(spec.update()))
                .endSpec().build();
    }

    static DaemonSet daemonSet(WorkloadSpec spec, String namespace) {
        check(spec);
        return new DaemonSetBuilder().withMetadata(metadata(spec, namespace))
                .withNewSpec().withNewSelector().withMatchLabels(selector(spec.name())).endSelector()
                .withTemplate(template(spec)).withUpdateStrategy(daemonStrategy(spec.update()))
                .withMinReadySeconds(minReady(spec.update()))
                .endSpec().build();
    }

    /** The Service that publishes the ingress ports (NodePort when one names its port, else ClusterIP), or null. */
    static Service service(WorkloadSpec spec, String namespace) {
        List<ServicePort> ports = new ArrayList<>();
        for (WorkloadPort p : spec.ports()) {
            if (p.mode() == WorkloadPort.Mode.INGRESS) {
                ports.add(new ServicePortBuilder().withName(p.protocol() + "-" + p.target())
                        .withProtocol(p.protocol().toUpperCase(Locale.ROOT)).withPort(p.published() == 0 ? p.target() : p.published())
                        .withTargetPort(new IntOrString(p.target()))
                        .withNodePort(p.published() == 0 ? null : p.published()).build());
            }
        }
        if (ports.isEmpty()) {
            return null;
        }
        boolean nodePorts = ports.stream().anyMatch(p -> p.getNodePort() != null);
        return new ServiceBuilder().withMetadata(metadata(spec, namespace))
                .withNewSpec().withType(nodePorts ? "NodePort" : "ClusterIP").withSelector(selector(spec.name()))
                .withPorts(ports).endSpec().build();
    }

    static Map<String, String> selector(String name) {
        return Map.of(WORKLOAD, name);
    }

    static Map<String, String> identity() {
        return Map.of(MANAGED_BY, "capstan");
    }

    private static void check(WorkloadSpec spec) {
        String name = spec.name();
        if (!NAME.matcher(name).matches()) {
            throw new InvalidSpecException("invalid workload name '" + name + "' on Kubernetes: expected lower-case "
                    + "letters, digits, '-' and '.', starting and ending with a letter or digit");
        }
        for (String key : spec.labels().keySet()) {
            if (!KEY.matcher(key).matches()) {
                throw new InvalidSpecException("workload '" + name + "': invalid label key '" + key + "' on Kubernetes: "
                        + "expected a name such as app or example.com/tier");
            }
        }
        if (spec.restart().condition() != WorkloadRestart.Condition.ANY) {
            throw new InvalidSpecException("workload '" + name + "': restart condition "
                    + spec.restart().condition().name().toLowerCase(Locale.ROOT).replace('_', '-')
                    + " cannot be kept on Kubernetes: the pods of a Deployment or DaemonSet always restart (expected any)");
        }
        if (!spec.networks().isEmpty()) {
            throw new InvalidSpecException("workload '" + name + "': Kubernetes has no networks to join ('"
                    + spec.networks().getFirst() + "'): every pod reaches every other, so leave the networks out");
        }
        ReplicaSettings r = spec.replica();
        if (!r.extraHosts().isEmpty() || !r.aliases().isEmpty() || !r.secrets().isEmpty() || !r.configs().isEmpty()) {
            throw new InvalidSpecException("workload '" + name + "': extra hosts, network aliases, secrets and configs "
                    + "are not supported on Kubernetes yet (render --target kubernetes maps them for stacks)");
        }
        if (r.user() != null && !r.user().matches("\\d+")) {
            throw new InvalidSpecException("workload '" + name + "': user '" + r.user() + "' cannot be set on Kubernetes: "
                    + "expected a numeric user id");
        }
        if (spec.healthcheck() != null && spec.healthcheck().keepsImageTest()) {
            throw new InvalidSpecException("workload '" + name + "': Kubernetes does not run an image's own healthcheck: "
                    + "give the test (such as CMD-SHELL wget -q -O- localhost)");
        }
        spec.constraints().forEach(c -> nodeSelector(name, c));
    }

    private static ObjectMeta metadata(WorkloadSpec spec, String namespace) {
        Map<String, String> labels = new TreeMap<>(LabelValues.of(spec.labels()));
        labels.putAll(identity());
        labels.putAll(selector(spec.name()));
        Map<String, String> annotations = new TreeMap<>();
        spec.labels().forEach((k, v) -> {
            if (!LabelValues.isValid(v)) {
                annotations.put(k, v);
            }
        });
        annotations.put(LABEL_KEYS, String.join(",", new TreeMap<>(spec.labels()).keySet()));
        annotations.put(UPDATE, PolicyText.write(spec.update()));
        annotations.put(ROLLBACK, PolicyText.write(spec.rollback()));
        annotations.put(ENDPOINT_MODE, spec.endpointMode().name().toLowerCase(Locale.ROOT));
        return new ObjectMetaBuilder().withName(spec.name()).withNamespace(namespace).withLabels(labels)
                .withAnnotations(annotations).build();
    }

    static PodTemplateSpec template(WorkloadSpec spec) {
        ReplicaSettings r = spec.replica();
        Map<String, String> labels = new TreeMap<>(LabelValues.of(r.containerLabels()));
        labels.putAll(identity());
        labels.putAll(selector(spec.name()));
        labels.put(IMAGE, LabelValues.of(spec.image()));
        Map<String, String> nodeSelector = new TreeMap<>();
        spec.constraints().forEach(c -> nodeSelector.putAll(nodeSelector(spec.name(), c)));
        List<Volume> volumes = new ArrayList<>();
        List<VolumeMount> mounts = new ArrayList<>();
        for (Mount m : spec.mounts()) {
            String volume = "mount-" + (volumes.size() + 1);
            volumes.add(volume(volume, m));
            mounts.add(new io.fabric8.kubernetes.api.model.VolumeMountBuilder().withName(volume).withMountPath(m.target())
                    .withReadOnly(m.readOnly() ? true : null).withSubPath(m.options().subpath()).build());
        }
        PodSpecBuilder pod = new PodSpecBuilder().withContainers(container(spec, mounts)).withVolumes(volumes)
                .withNodeSelector(nodeSelector.isEmpty() ? null : nodeSelector)
                .withHostname(r.hostname())
                .withTerminationGracePeriodSeconds(r.stopGracePeriod() == null ? null : r.stopGracePeriod().toSeconds());
        return new PodTemplateSpecBuilder().withNewMetadata().withLabels(labels).addToAnnotations(IMAGE, spec.image())
                .endMetadata().withSpec(pod.build()).build();
    }

    private static Container container(WorkloadSpec spec, List<VolumeMount> mounts) {
        ReplicaSettings r = spec.replica();
        ContainerBuilder c = new ContainerBuilder().withName(containerName(spec.name())).withImage(spec.image());
        if (r.entrypoint() != null) {
            c.withCommand(r.entrypoint()).withArgs(spec.command());
        } else if (!spec.command().isEmpty()) {
            c.withCommand(spec.command());
        }
        List<EnvVar> env = new ArrayList<>();
        new TreeMap<>(spec.env()).forEach((k, v) -> env.add(new EnvVar(k, v, null)));
        c.withEnv(env);
        for (WorkloadPort p : spec.ports()) {
            c.addToPorts(new ContainerPortBuilder().withContainerPort(p.target()).withProtocol(p.protocol().toUpperCase(Locale.ROOT))
                    .withHostPort(p.mode() == WorkloadPort.Mode.HOST && p.published() > 0 ? p.published() : null).build());
        }
        c.withNewResources().withLimits(quantities(spec.resources().limits()))
                .withRequests(quantities(spec.resources().reservations())).endResources();
        c.withVolumeMounts(mounts).withWorkingDir(r.workingDir());
        if (r.user() != null) {
            c.withNewSecurityContext().withRunAsUser(Long.parseLong(r.user())).endSecurityContext();
        }
        Probe probe = probe(spec.healthcheck());
        return c.withReadinessProbe(probe).withLivenessProbe(probe).build();
    }

    static String containerName(String workload) {
        String name = workload.replace('.', '-');
        return name.length() > 63 ? name.substring(0, 63).replaceAll("-+$", "") : name;
    }

    private static Map<String, Quantity> quantities(Resources r) {
        Map<String, Quantity> out = new LinkedHashMap<>();
        if (r.nanoCpus() > 0) {
            out.put("cpu", new Quantity(Math.max(1, r.nanoCpus() / 1_000_000) + "m"));
        }
        if (r.memoryBytes() > 0) {
            out.put("memory", new Quantity(String.valueOf(r.memoryBytes())));
        }
        return out.isEmpty() ? null : out;
    }

    private static Probe probe(HealthCheck h) {
        if (h == null || h.test().isEmpty() || h.test().getFirst().equals("NONE")) {
            return null;
        }
        List<String> command = h.test().getFirst().equals("CMD-SHELL")
                ? List.of("/bin/sh", "-c", String.join(" ", h.test().subList(1, h.test().size())))
                : h.test().getFirst().equals("CMD") ? h.test().subList(1, h.test().size()) : h.test();
        return new ProbeBuilder().withNewExec().withCommand(command).endExec()
                .withPeriodSeconds(seconds(h.interval())).withTimeoutSeconds(seconds(h.timeout()))
                .withFailureThreshold(h.retries() > 0 ? h.retries() : null)
                .withInitialDelaySeconds(seconds(h.startPeriod())).build();
    }

    private static Integer seconds(java.time.Duration d) {
        return d == null || d.isZero() ? null : (int) Math.max(1, (d.toMillis() + 999) / 1000);
    }

    private static Volume volume(String name, Mount m) {
        VolumeBuilder v = new VolumeBuilder().withName(name);
        return switch (m.type()) {
            case VOLUME -> v.withNewPersistentVolumeClaim(m.source(), m.readOnly() ? true : null).build();
            case BIND -> v.withNewHostPath().withPath(m.source()).endHostPath().build();
            case TMPFS -> v.withNewEmptyDir().withMedium("Memory")
                    .withSizeLimit(m.options().tmpfsSize() == null ? null : new Quantity(String.valueOf(m.options().tmpfsSize())))
                    .endEmptyDir().build();
        };
    }

    /** {@code node.labels.K==V} and {@code node.hostname==H}: the node selectors Kubernetes has for them. */
    private static Map<String, String> nodeSelector(String workload, String constraint) {
        Matcher m = CONSTRAINT.matcher(constraint.strip());
        if (!m.matches()) {
            throw new InvalidSpecException("workload '" + workload + "': placement constraint '" + constraint
                    + "' cannot be kept on Kubernetes: expected node.labels.KEY==VALUE or node.hostname==NAME");
        }
        return Map.of(m.group(2) == null ? HOSTNAME_LABEL : m.group(2), m.group(3));
    }

    /** Start first: surge {@code parallelism} new pods, none unavailable; stop first: take that many down first. */
    private static DeploymentStrategy strategy(UpdatePolicy p) {
        IntOrString batch = batch(p);
        boolean startFirst = p.order() == UpdatePolicy.Order.START_FIRST;
        return new DeploymentStrategyBuilder().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxSurge(startFirst ? batch : new IntOrString(0))
                .withMaxUnavailable(startFirst ? new IntOrString(0) : batch).endRollingUpdate().build();
    }

    private static DaemonSetUpdateStrategy daemonStrategy(UpdatePolicy p) {
        IntOrString batch = batch(p);
        boolean startFirst = p.order() == UpdatePolicy.Order.START_FIRST;
        return new DaemonSetUpdateStrategyBuilder().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxSurge(startFirst ? batch : new IntOrString(0))
                .withMaxUnavailable(startFirst ? new IntOrString(0) : batch).endRollingUpdate().build();
    }

    private static IntOrString batch(UpdatePolicy p) {
        return p.parallelism() == 0 ? new IntOrString("100%") : new IntOrString(p.parallelism());
    }

    private static Integer minReady(UpdatePolicy p) {
        return p.monitor() == null || p.monitor().isZero() ? null : seconds(p.monitor());
    }
}
