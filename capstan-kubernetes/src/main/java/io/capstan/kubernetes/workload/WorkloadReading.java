package io.capstan.kubernetes.workload;

import io.capstan.core.spec.HealthCheck;
import io.capstan.core.spec.Mount;
import io.capstan.core.spec.Resources;
import io.capstan.core.model.Health;
import io.capstan.core.workload.ReplicaSettings;
import io.capstan.core.workload.WorkloadPort;
import io.capstan.core.workload.WorkloadResources;
import io.capstan.core.workload.WorkloadSpec;
import io.capstan.core.workload.WorkloadStatus;
import io.capstan.core.workload.WorkloadTask;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A controller, its Service and its pods read back as a {@link WorkloadStatus}: the spec, counts, rollout and tasks. */
final class WorkloadReading {
    private WorkloadReading() {
    }

    static WorkloadStatus status(Controller c, Service service, List<Pod> pods) {
        WorkloadSpec spec = spec(c, service);
        String current = TemplateRevision.of(c.template());
        List<Pod> sorted = pods.stream().sorted(Comparator.comparing(WorkloadReading::created).reversed()).toList();
        List<WorkloadTask> tasks = new ArrayList<>();
        int slot = 0;
        for (Pod pod : sorted.reversed()) {
            tasks.add(task(pod, c.global() || terminating(pod) ? 0 : ++slot));
        }
        tasks = tasks.reversed();
        List<Pod> live = sorted.stream().filter(p -> !terminating(p)).toList();
        int running = (int) live.stream().filter(p -> "Running".equals(phase(p))).count();
        int ready = (int) live.stream().filter(WorkloadReading::isReady).count();
        boolean rolledOut = live.size() == c.desired() && live.stream().allMatch(p -> current.equals(podTemplate(p)) && isReady(p))
                && sorted.size() == live.size();
        return new WorkloadStatus(c.object().getMetadata().getUid(), spec, c.desired(), running, ready, tasks,
                updateState(c.annotations().get(TemplateRevision.LAST_CHANGE), rolledOut), instant(c.object().getMetadata().getCreationTimestamp()),
                instant(c.object().getMetadata().getCreationTimestamp()));
    }

    private static String updateState(String lastChange, boolean rolledOut) {
        if (lastChange == null || lastChange.isEmpty()) {
            return "";
        }
        boolean rollback = lastChange.equals("rollback");
        return rolledOut ? (rollback ? "rollback_completed" : "completed") : (rollback ? "rollback_started" : "updating");
    }

    static WorkloadSpec spec(Controller c, Service service) {
        Map<String, String> annotations = c.annotations();
        WorkloadSpec.Builder b = WorkloadSpec.builder(c.name(), image(c));
        PodSpec pod = c.template().getSpec();
        Container container = pod.getContainers().getFirst();
        List<String> command = container.getCommand() == null ? List.of() : container.getCommand();
        List<String> args = container.getArgs() == null ? List.of() : container.getArgs();
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar e : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
            env.put(e.getName(), e.getValue() == null ? "" : e.getValue());
        }
        b.command(args.isEmpty() ? command : args).env(env);
        List<WorkloadPort> ports = new ArrayList<>();
        for (ContainerPort p : container.getPorts() == null ? List.<ContainerPort>of() : container.getPorts()) {
            if (p.getHostPort() != null && p.getHostPort() > 0) {
                ports.add(new WorkloadPort(p.getHostPort(), p.getContainerPort(), p.getProtocol(), WorkloadPort.Mode.HOST));
            }
        }
        if (service != null && service.getSpec().getPorts() != null) {
            for (ServicePort p : service.getSpec().getPorts()) {
                int target = p.getTargetPort() != null && p.getTargetPort().getIntVal() != null ? p.getTargetPort().getIntVal() : p.getPort();
                ports.add(new WorkloadPort(p.getNodePort() == null ? 0 : p.getNodePort(), target, p.getProtocol(),
                        WorkloadPort.Mode.INGRESS));
            }
        }
        b.ports(ports);
        if (container.getResources() != null) {
            b.resources(new WorkloadResources(resources(container.getResources().getLimits()),
                    resources(container.getResources().getRequests())));
        }
        if (c.global()) {
            b.global();
        } else {
            b.replicas(c.desired());
        }
        b.update(PolicyText.read(annotations.get(WorkloadManifest.UPDATE)))
                .rollback(PolicyText.read(annotations.get(WorkloadManifest.ROLLBACK)))
                .endpointMode("dnsrr".equals(annotations.get(WorkloadManifest.ENDPOINT_MODE))
                        ? WorkloadSpec.EndpointMode.DNSRR : WorkloadSpec.EndpointMode.VIP)
                .mounts(mounts(pod, container)).healthcheck(healthcheck(container.getReadinessProbe()))
                .labels(labels(c)).constraints(constraints(pod));
        Long uid = container.getSecurityContext() == null ? null : container.getSecurityContext().getRunAsUser();
        b.replica(new ReplicaSettings(args.isEmpty() ? null : command, uid == null ? null : uid.toString(),
                container.getWorkingDir(), pod.getHostname(), List.of(),
                pod.getTerminationGracePeriodSeconds() == null ? null : Duration.ofSeconds(pod.getTerminationGracePeriodSeconds()),
                containerLabels(c), List.of(), List.of(), List.of()));
        return b.build();
    }

    private static String image(Controller c) {
        Map<String, String> a = c.template().getMetadata() == null ? null : c.template().getMetadata().getAnnotations();
        String image = a == null ? null : a.get(WorkloadManifest.IMAGE);
        return image != null ? image : c.template().getSpec().getContainers().getFirst().getImage();
    }

    /** The spec's labels: the label, or its whole value from the annotation when the label holds its hash. */
    private static Map<String, String> labels(Controller c) {
        String keys = c.annotations().get(WorkloadManifest.LABEL_KEYS);
        Map<String, String> out = new LinkedHashMap<>();
        if (keys == null || keys.isEmpty()) {
            return out;
        }
        for (String key : keys.split(",")) {
            String whole = c.annotations().get(key);
            String label = c.labels().get(key);
            out.put(key, whole != null && LabelValues.hash(whole).equals(label) ? whole : label == null ? "" : label);
        }
        return out;
    }

    private static Map<String, String> containerLabels(Controller c) {
        Map<String, String> labels = new LinkedHashMap<>(c.template().getMetadata().getLabels());
        labels.keySet().removeAll(List.of(WorkloadManifest.WORKLOAD, WorkloadManifest.IMAGE, WorkloadManifest.MANAGED_BY,
                TemplateRevision.LABEL));
        return labels;
    }

    private static Resources resources(Map<String, Quantity> q) {
        if (q == null || q.isEmpty()) {
            return Resources.UNLIMITED;
        }
        long cpus = q.containsKey("cpu") ? Quantity.getAmountInBytes(q.get("cpu")).multiply(BigDecimal.valueOf(1_000_000_000L)).longValue() : 0;
        long memory = q.containsKey("memory") ? Quantity.getAmountInBytes(q.get("memory")).longValue() : 0;
        return new Resources(cpus, memory);
    }

    private static List<Mount> mounts(PodSpec pod, Container container) {
        List<Mount> mounts = new ArrayList<>();
        for (VolumeMount vm : container.getVolumeMounts() == null ? List.<VolumeMount>of() : container.getVolumeMounts()) {
            Volume v = pod.getVolumes().stream().filter(x -> x.getName().equals(vm.getName())).findFirst().orElse(null);
            boolean readOnly = Boolean.TRUE.equals(vm.getReadOnly());
            Mount.Options options = new Mount.Options(null, null, false, vm.getSubPath(), null, null);
            if (v == null) {
                continue;
            }
            if (v.getPersistentVolumeClaim() != null) {
                mounts.add(new Mount(Mount.Type.VOLUME, v.getPersistentVolumeClaim().getClaimName(), vm.getMountPath(), readOnly, options));
            } else if (v.getHostPath() != null) {
                mounts.add(new Mount(Mount.Type.BIND, v.getHostPath().getPath(), vm.getMountPath(), readOnly, options));
            } else if (v.getEmptyDir() != null) {
                Quantity size = v.getEmptyDir().getSizeLimit();
                mounts.add(new Mount(Mount.Type.TMPFS, "", vm.getMountPath(), readOnly, new Mount.Options(null, null, false,
                        null, size == null ? null : Quantity.getAmountInBytes(size).longValue(), null)));
            }
        }
        return mounts;
    }

    private static HealthCheck healthcheck(Probe p) {
        if (p == null || p.getExec() == null) {
            return null;
        }
        List<String> test = new ArrayList<>();
        test.add("CMD");
        test.addAll(p.getExec().getCommand());
        return new HealthCheck(test, seconds(p.getPeriodSeconds()), seconds(p.getTimeoutSeconds()),
                p.getFailureThreshold() == null ? 0 : p.getFailureThreshold(), seconds(p.getInitialDelaySeconds()));
    }

    private static Duration seconds(Integer s) {
        return s == null ? null : Duration.ofSeconds(s);
    }

    private static List<String> constraints(PodSpec pod) {
        List<String> out = new ArrayList<>();
        if (pod.getNodeSelector() != null) {
            pod.getNodeSelector().forEach((k, v) -> out.add(k.equals(WorkloadManifest.HOSTNAME_LABEL)
                    ? "node.hostname==" + v : "node.labels." + k + "==" + v));
        }
        return out;
    }

    static WorkloadTask task(Pod pod, int slot) {
        boolean terminating = terminating(pod);
        ContainerStatus cs = pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                || pod.getStatus().getContainerStatuses().isEmpty() ? null : pod.getStatus().getContainerStatuses().getFirst();
        String phase = phase(pod);
        String state = terminating ? "shutdown" : switch (phase) {
            case "Running" -> "running";
            case "Pending" -> "pending";
            case "Succeeded" -> "complete";
            case "Failed" -> "failed";
            default -> "unknown";
        };
        return new WorkloadTask(pod.getMetadata().getName(), slot,
                pod.getSpec() == null ? "" : pod.getSpec().getNodeName(), state, terminating ? "shutdown" : "running",
                error(pod, cs), pod.getSpec().getContainers().getFirst().getImage(), cs == null ? "" : cs.getContainerID(),
                created(pod), created(pod), health(pod, phase, terminating, cs));
    }

    /**
     * The Ready condition's verdict when the pod's container has a readiness probe ({@code NONE} without one, and for
     * a pod on its way out): healthy when Ready; starting until it has been Ready once since its container started
     * (the condition turned false before the start), as an engine's container is starting until its first passing
     * check; unhealthy once it turned unready after that.
     */
    private static Health health(Pod pod, String phase, boolean terminating, ContainerStatus cs) {
        var containers = pod.getSpec() == null ? null : pod.getSpec().getContainers();
        if (terminating || containers == null || containers.isEmpty() || containers.getFirst().getReadinessProbe() == null) {
            return Health.NONE;
        }
        if (isReady(pod)) {
            return Health.HEALTHY;
        }
        if ("Pending".equals(phase)) {
            return Health.STARTING;
        }
        Instant unreadySince = readyCondition(pod).map(c -> instant(c.getLastTransitionTime())).orElse(null);
        Instant started = cs == null || cs.getState() == null || cs.getState().getRunning() == null ? null
                : instant(cs.getState().getRunning().getStartedAt());
        return unreadySince != null && started != null && unreadySince.isAfter(started) ? Health.UNHEALTHY
                : Health.STARTING;
    }

    private static java.util.Optional<PodCondition> readyCondition(Pod pod) {
        List<PodCondition> conditions = pod.getStatus() == null ? null : pod.getStatus().getConditions();
        return conditions == null ? java.util.Optional.empty()
                : conditions.stream().filter(c -> "Ready".equals(c.getType())).findFirst();
    }

    /** Why the pod's container does not run: {@code ImagePullBackOff: ...}, the exit of its last run, or the pod's reason. */
    private static String error(Pod pod, ContainerStatus cs) {
        if (cs != null && cs.getState() != null) {
            if (cs.getState().getWaiting() != null && cs.getState().getWaiting().getReason() != null
                    && !"ContainerCreating".equals(cs.getState().getWaiting().getReason())) {
                var w = cs.getState().getWaiting();
                return w.getReason() + (w.getMessage() == null ? "" : ": " + w.getMessage());
            }
            if (cs.getState().getTerminated() != null && !Integer.valueOf(0).equals(cs.getState().getTerminated().getExitCode())) {
                var t = cs.getState().getTerminated();
                return (t.getReason() == null ? "exited" : t.getReason()) + " (exit code " + t.getExitCode() + ")";
            }
        }
        return pod.getStatus() == null || pod.getStatus().getReason() == null ? ""
                : pod.getStatus().getReason() + (pod.getStatus().getMessage() == null ? "" : ": " + pod.getStatus().getMessage());
    }

    static boolean terminating(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() != null;
    }

    static String phase(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getPhase() == null ? "Unknown" : pod.getStatus().getPhase();
    }

    static boolean isReady(Pod pod) {
        List<PodCondition> conditions = pod.getStatus() == null ? null : pod.getStatus().getConditions();
        return conditions != null && conditions.stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static String podTemplate(Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        return labels == null ? "" : labels.getOrDefault(TemplateRevision.LABEL, "");
    }

    private static Instant created(Pod pod) {
        Instant i = instant(pod.getMetadata().getCreationTimestamp());
        return i == null ? Instant.EPOCH : i;
    }

    private static Instant instant(String timestamp) {
        try {
            return timestamp == null ? null : Instant.parse(timestamp);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
