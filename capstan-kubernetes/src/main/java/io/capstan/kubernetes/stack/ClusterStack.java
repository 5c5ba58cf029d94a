package io.capstan.kubernetes.stack;

import io.capstan.core.engine.LogOptions;
import io.capstan.core.engine.Subscription;
import io.capstan.core.error.CapstanException;
import io.capstan.core.error.ConfigException;
import io.capstan.core.error.ConflictException;
import io.capstan.core.error.EngineException;
import io.capstan.core.error.EngineUnavailableException;
import io.capstan.core.error.InvalidSpecException;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.model.LogLine;
import io.capstan.kubernetes.KubeAccess;
import io.capstan.kubernetes.KubernetesClusters;
import io.capstan.kubernetes.KubernetesErrors;
import io.capstan.kubernetes.workload.PodLogs;
import io.capstan.stack.compose.SwarmCompose;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A stack on a cluster: {@code up}, {@code plan}, {@code ps}, {@code logs} and {@code down --target kubernetes}. What
 * {@code render --target kubernetes} writes is applied (server-side apply where the server has it, create or replace
 * otherwise) into one namespace; the stack's objects are found again by its label.
 */
public final class ClusterStack implements AutoCloseable {
    /** The kinds a stack renders, in the order they are applied. */
    private static final List<Class<? extends HasMetadata>> KINDS = List.of(ConfigMap.class, Secret.class,
            PersistentVolumeClaim.class, Service.class, Deployment.class, DaemonSet.class);
    private static final String FIELD_MANAGER = "capstan";
    /** Requests sent at once while applying. */
    private static final int PARALLEL = 8;

    private final KubernetesClient client;
    private final String namespace;
    private volatile boolean serverSideApply = true;

    ClusterStack(KubernetesClient client) {
        this.client = client;
        this.namespace = client.getNamespace() == null ? "default" : client.getNamespace();
    }

    /** The cluster and namespace {@code access} names (nothing is asked of it until the first call). */
    public static ClusterStack connect(KubeAccess access) {
        return new ClusterStack(KubernetesClusters.client(access));
    }

    public String namespace() {
        return namespace;
    }

    /** What {@code up} would create, change and remove, object by object, in the order it would. */
    public List<PlannedChange> plan(SwarmCompose compose, boolean prune) {
        return plan(StackManifests.objects(compose).all(), stackName(compose), prune);
    }

    /** The rendered objects against the stack's objects on the cluster, read with one list per kind. */
    private List<PlannedChange> plan(List<HasMetadata> objects, String stack, boolean prune) {
        Map<String, HasMetadata> live = new HashMap<>();
        for (HasMetadata o : stackObjects(stack)) {
            live.put(o.getKind() + "/" + o.getMetadata().getName(), o);
        }
        List<PlannedChange> plan = new ArrayList<>();
        Set<String> rendered = new HashSet<>();
        for (HasMetadata wanted : objects) {
            String key = wanted.getKind() + "/" + wanted.getMetadata().getName();
            rendered.add(key);
            HasMetadata there = live.get(key);
            if (there == null) {
                plan.add(new PlannedChange(wanted.getKind(), wanted.getMetadata().getName(), PlannedChange.Action.CREATE, List.of()));
            } else {
                List<String> fields = ObjectDiff.fields(asMap(wanted), asMap(there));
                plan.add(new PlannedChange(wanted.getKind(), wanted.getMetadata().getName(),
                        fields.isEmpty() ? PlannedChange.Action.UNCHANGED : PlannedChange.Action.CHANGE, fields));
            }
        }
        for (HasMetadata there : live.values().stream().sorted(Comparator.comparingInt((HasMetadata o) -> phase(o.getKind()))
                .thenComparing(o -> o.getMetadata().getName())).toList()) {
            if (!rendered.contains(there.getKind() + "/" + there.getMetadata().getName())) {
                plan.add(new PlannedChange(there.getKind(), there.getMetadata().getName(),
                        prune ? PlannedChange.Action.REMOVE : PlannedChange.Action.KEEP, List.of()));
            }
        }
        return plan;
    }

    /**
     * Applies the stack: creates and changes what the plan says (unchanged objects are left alone) and, with
     * {@code prune}, removes the stack's objects no longer in it. Stored data and claims go first, then Services, then
     * workloads; the objects of one of these steps are sent side by side. Each object done is told to
     * {@code progress}. A refusal stops it after its step with one line that also says what was applied.
     */
    public List<PlannedChange> apply(SwarmCompose compose, boolean prune, Consumer<PlannedChange> progress) {
        List<HasMetadata> all = StackManifests.objects(compose).all();
        List<PlannedChange> plan = plan(all, stackName(compose), prune);
        Map<String, HasMetadata> objects = new HashMap<>();
        all.forEach(o -> objects.put(o.getKind() + "/" + o.getMetadata().getName(), o));
        List<PlannedChange> done = new ArrayList<>();
        Map<Integer, List<PlannedChange>> steps = new java.util.TreeMap<>();
        for (PlannedChange step : plan) {
            if (step.action() != PlannedChange.Action.UNCHANGED && step.action() != PlannedChange.Action.KEEP) {
                int phase = step.action() == PlannedChange.Action.REMOVE ? 9 : phase(step.kind());
                steps.computeIfAbsent(phase, k -> new ArrayList<>()).add(step);
            }
        }
        for (List<PlannedChange> step : steps.values()) {
            CapstanException failed = sideBySide(step, change -> {
                HasMetadata object = objects.get(change.kind() + "/" + change.name());
                switch (change.action()) {
                    case CREATE -> apply(object, false);
                    case CHANGE -> apply(object, true);
                    default -> remove(change);
                }
                synchronized (done) {
                    done.add(change);
                    progress.accept(change);
                }
            });
            if (failed != null) {
                throw done.isEmpty() ? failed : withApplied(failed, done, plan);
            }
        }
        return plan;
    }

    /** Runs {@code action} on each change, a few at once; returns the refusal of the first one refused, once all are done. */
    private static CapstanException sideBySide(List<PlannedChange> changes, Consumer<PlannedChange> action) {
        Map<PlannedChange, CapstanException> failures = new java.util.concurrent.ConcurrentHashMap<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL, changes.size()))) {
            for (PlannedChange change : changes) {
                pool.execute(() -> {
                    try {
                        action.accept(change);
                    } catch (CapstanException e) {
                        failures.put(change, e);
                    }
                });
            }
        }
        return changes.stream().filter(failures::containsKey).findFirst().map(failures::get).orElse(null);
    }

    /** The order objects are applied in: what pods use first, then Services, then the workloads. */
    private static int phase(String kind) {
        return switch (kind) {
            case "ConfigMap", "Secret", "PersistentVolumeClaim" -> 0;
            case "Service" -> 1;
            default -> 2;
        };
    }

    /** The stack's Deployments and DaemonSets with their pods, by service. */
    public List<StackWorkload> ps(String stack) {
        List<StackWorkload> out = new ArrayList<>();
        Map<String, String> labels = Map.of(StackLabelSet.STACK, stack);
        for (Deployment d : call("list", "deployments", () -> client.apps().deployments().inNamespace(namespace)
                .withLabels(labels).list().getItems())) {
            Integer ready = d.getStatus() == null ? null : d.getStatus().getReadyReplicas();
            Integer replicas = d.getSpec().getReplicas();
            out.add(new StackWorkload(service(d), "Deployment", d.getMetadata().getName(), ready == null ? 0 : ready,
                    replicas == null ? 1 : replicas, pods(d.getSpec().getSelector().getMatchLabels())));
        }
        for (DaemonSet d : call("list", "daemonsets", () -> client.apps().daemonSets().inNamespace(namespace)
                .withLabels(labels).list().getItems())) {
            Integer ready = d.getStatus() == null ? null : d.getStatus().getNumberReady();
            Integer desired = d.getStatus() == null ? null : d.getStatus().getDesiredNumberScheduled();
            out.add(new StackWorkload(service(d), "DaemonSet", d.getMetadata().getName(), ready == null ? 0 : ready,
                    desired == null ? 0 : desired, pods(d.getSpec().getSelector().getMatchLabels())));
        }
        out.sort(Comparator.comparing(StackWorkload::service));
        return out;
    }

    /** The output of the pods of {@code services} (all: empty), each line with its service. */
    public Subscription logs(String stack, List<String> services, LogOptions options, BiConsumer<String, LogLine> sink) {
        List<PodLogs> streams = new ArrayList<>();
        for (StackWorkload w : ps(stack)) {
            if (!services.isEmpty() && !services.contains(w.service())) {
                continue;
            }
            var pods = w.pods().stream().map(p -> client.pods().inNamespace(namespace).withName(p.name())).toList();
            streams.add(PodLogs.start(pods, options, line -> sink.accept(w.service(), line)));
        }
        return new Subscription() {
            @Override
            public boolean awaitCompletion(java.time.Duration timeout) throws InterruptedException {
                long end = System.nanoTime() + timeout.toNanos();
                for (PodLogs s : streams) {
                    if (!s.awaitCompletion(java.time.Duration.ofNanos(Math.max(0, end - System.nanoTime())))) {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public void close() {
                streams.forEach(PodLogs::close);
            }
        };
    }

    /**
     * Removes every object with the stack's label; its claims (and the data in them) only with {@code volumes}.
     * Returns what was removed and what was kept, as {@code kind/name}.
     */
    public Removal down(String stack, boolean volumes) {
        List<String> removed = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        List<HasMetadata> objects = stackObjects(stack).reversed();
        for (HasMetadata o : objects) {
            String ref = o.getKind().toLowerCase(Locale.ROOT) + "/" + o.getMetadata().getName();
            if (o instanceof PersistentVolumeClaim && !volumes) {
                kept.add(ref);
                continue;
            }
            call("remove", o, () -> client.resource(o).inNamespace(namespace).delete());
            removed.add(ref);
        }
        return new Removal(removed, kept);
    }

    /** What {@link #down} did. */
    public record Removal(List<String> removed, List<String> kept) {
    }

    /** The stack's name on the cluster: the value of its label. */
    public static String stackName(SwarmCompose compose) {
        return new KubeNames().of(compose.project().name());
    }

    @Override
    public void close() {
        client.close();
    }

    private void apply(HasMetadata object, boolean exists) {
        if (serverSideApply) {
            try {
                client.resource(object).inNamespace(namespace).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
                return;
            } catch (KubernetesClientException e) {
                // a server without server-side apply refuses the patch, or (a mock) does not create on it
                if (e.getCode() != 415 && e.getCode() != 405 && !(e.getCode() == 404 && !exists)) {
                    throw map(e, "apply", object);
                }
                serverSideApply = false;
            }
        }
        if (exists) {
            call("apply", object, () -> client.resource(object).inNamespace(namespace).update());
        } else {
            call("apply", object, () -> client.resource(object).inNamespace(namespace).create());
        }
    }

    private void remove(PlannedChange step) {
        for (Class<? extends HasMetadata> kind : KINDS) {
            if (kind.getSimpleName().equals(step.kind())) {
                try {
                    client.resources(kind).inNamespace(namespace).withName(step.name()).delete();
                } catch (KubernetesClientException e) {
                    throw KubernetesErrors.map(e, "remove", step.kind().toLowerCase(Locale.ROOT),
                            namespace + "/" + step.name(), client.getConfiguration().getMasterUrl());
                }
            }
        }
    }

    /** Every object of the kinds a stack renders that carries the stack's label (any stack's: null) and Capstan's. */
    private List<HasMetadata> stackObjects(String stack) {
        Map<String, String> labels = stack == null ? Map.of(StackLabelSet.MANAGED_BY, "capstan")
                : Map.of(StackLabelSet.STACK, stack, StackLabelSet.MANAGED_BY, "capstan");
        List<HasMetadata> out = new ArrayList<>();
        for (Class<? extends HasMetadata> kind : KINDS) {
            out.addAll(call("list", kind.getSimpleName().toLowerCase(Locale.ROOT) + "s",
                    () -> client.resources(kind).inNamespace(namespace).withLabels(labels).list().getItems()));
        }
        return out;
    }

    private List<StackWorkload.Pod> pods(Map<String, String> selector) {
        List<StackWorkload.Pod> out = new ArrayList<>();
        for (Pod p : call("list", "pods", () -> client.pods().inNamespace(namespace).withLabels(selector).list().getItems())) {
            ContainerStatus cs = p.getStatus() == null || p.getStatus().getContainerStatuses() == null
                    || p.getStatus().getContainerStatuses().isEmpty() ? null : p.getStatus().getContainerStatuses().getFirst();
            String status = p.getStatus() == null || p.getStatus().getPhase() == null ? "Unknown" : p.getStatus().getPhase();
            if (cs != null && cs.getState() != null && cs.getState().getWaiting() != null && cs.getState().getWaiting().getReason() != null) {
                status = cs.getState().getWaiting().getReason();
            }
            if (p.getMetadata().getDeletionTimestamp() != null) {
                status = "Terminating";
            }
            out.add(new StackWorkload.Pod(p.getMetadata().getName(), status, cs != null && Boolean.TRUE.equals(cs.getReady()),
                    p.getSpec() == null || p.getSpec().getNodeName() == null ? "" : p.getSpec().getNodeName(),
                    cs == null || cs.getRestartCount() == null ? 0 : cs.getRestartCount()));
        }
        out.sort(Comparator.comparing(StackWorkload.Pod::name));
        return out;
    }

    private static String service(HasMetadata o) {
        Map<String, String> labels = o.getMetadata().getLabels();
        return labels == null ? o.getMetadata().getName() : labels.getOrDefault(StackLabelSet.SERVICE, o.getMetadata().getName());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> asMap(HasMetadata object) {
        var serialization = client.getKubernetesSerialization();
        return serialization.unmarshal(serialization.asJson(object), Map.class);
    }

    private <T> T call(String verb, HasMetadata object, Supplier<T> call) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            throw map(e, verb, object);
        }
    }

    private <T> T call(String verb, String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.map(e, verb, what + " of namespace " + namespace, "", client.getConfiguration().getMasterUrl());
        }
    }

    private CapstanException map(KubernetesClientException e, String verb, HasMetadata object) {
        return KubernetesErrors.map(e, verb, object.getKind().toLowerCase(Locale.ROOT),
                namespace + "/" + object.getMetadata().getName(), client.getConfiguration().getMasterUrl());
    }

    /** The same refusal, saying what was applied before it (the rest was not). */
    private static CapstanException withApplied(CapstanException e, List<PlannedChange> applied, List<PlannedChange> plan) {
        long todo = plan.stream().filter(p -> p.action() != PlannedChange.Action.UNCHANGED && p.action() != PlannedChange.Action.KEEP).count();
        List<String> done = plan.stream().filter(applied::contains).map(PlannedChange::object).toList();
        String message = e.getMessage() + " (applied before it: " + done.size() + " of " + todo + " changes, "
                + (done.size() <= 4 ? String.join(", ", done) : String.join(", ", done.subList(0, 3)) + ", ... " + done.getLast())
                + "; run up again once it is fixed)";
        return switch (e) {
            case NotFoundException n -> new NotFoundException(n.kind(), n.reference(), message, e);
            case ConflictException c -> new ConflictException(message, e);
            case InvalidSpecException i -> new InvalidSpecException(message, e);
            case EngineUnavailableException u -> new EngineUnavailableException(message, e);
            case ConfigException c -> new ConfigException(message, e);
            case EngineException x -> new EngineException(message, e);
        };
    }
}
