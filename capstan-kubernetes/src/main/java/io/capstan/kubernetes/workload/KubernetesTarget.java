package io.capstan.kubernetes.workload;

import io.capstan.core.engine.LogOptions;
import io.capstan.core.engine.Subscription;
import io.capstan.core.error.ConflictException;
import io.capstan.core.error.InvalidSpecException;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.model.LogLine;
import io.capstan.core.workload.AutoscalePolicy;
import io.capstan.core.workload.Autoscaling;
import io.capstan.core.workload.RemoteImages;
import io.capstan.core.workload.TaskLogs;
import io.capstan.core.workload.UpdatePolicy;
import io.capstan.core.workload.WorkloadWatch;
import io.capstan.core.workload.WorkloadSpec;
import io.capstan.core.workload.WorkloadStatus;
import io.capstan.core.workload.WorkloadTarget;
import io.capstan.kubernetes.KubernetesErrors;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Workloads as Kubernetes controllers in one namespace: a replicated workload is a Deployment, a global one a
 * DaemonSet, its ingress ports a Service of its name. Pods are its tasks. A rollback returns to the pod template
 * recorded before the last update (as {@code kubectl rollout undo} returns to the previous ReplicaSet's). An
 * autoscaled Deployment has a HorizontalPodAutoscaler of its name and an annotation saying so, so that the autoscalers
 * of other workloads are never read (a role may not be allowed to); a watch on the pods of Capstan's workloads says
 * when their tasks change.
 */
public final class KubernetesTarget implements WorkloadTarget, Autoscaling, WorkloadWatch, RemoteImages, TaskLogs {
    /** Read-then-write attempts of one change while others keep changing the object. */
    private static final int CONFLICT_ATTEMPTS = 5;

    private final KubernetesClient client;
    private final String namespace;

    /** A target over {@code client}, in {@code namespace} (null: the client's); closing the target closes the client. */
    public KubernetesTarget(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace == null || namespace.isBlank()
                ? (client.getNamespace() == null ? "default" : client.getNamespace()) : namespace;
    }

    @Override
    public String describe() {
        return "Kubernetes at " + client.getConfiguration().getMasterUrl() + " (namespace " + namespace + ")";
    }

    @Override
    public WorkloadStatus create(WorkloadSpec spec) {
        HasMetadata controller = spec.mode() == WorkloadSpec.Mode.GLOBAL
                ? WorkloadManifest.daemonSet(spec, namespace) : WorkloadManifest.deployment(spec, namespace);
        Service service = WorkloadManifest.service(spec, namespace);
        if (find(spec.name()) != null) {
            throw new ConflictException("workload '" + spec.name() + "' already exists in namespace " + namespace);
        }
        stamp(controller);
        call("create", spec.name(), () -> client.resource(controller).create());
        if (service != null) {
            try {
                call("create", spec.name(), () -> client.resource(service).create());
            } catch (RuntimeException e) {
                // nothing half-made: the workload goes with its Service
                deleteQuietly(controller);
                throw e;
            }
        }
        return inspect(spec.name());
    }

    @Override
    public WorkloadStatus update(WorkloadSpec spec) {
        rereadOnConflict(() -> replace(spec));
        syncService(spec);
        return inspect(spec.name());
    }

    /** Replaces the controller with {@code spec}'s, at the resource version just read. */
    private HasMetadata replace(WorkloadSpec spec) {
        Controller current = require(spec.name());
        if (current.global() != (spec.mode() == WorkloadSpec.Mode.GLOBAL)) {
            throw new InvalidSpecException("workload '" + spec.name() + "' is " + (current.global() ? "global" : "replicated")
                    + ": Kubernetes cannot change that in place (remove it and create it again)");
        }
        HasMetadata wanted = current.global() ? WorkloadManifest.daemonSet(spec, namespace) : WorkloadManifest.deployment(spec, namespace);
        stamp(wanted);
        wanted.getMetadata().getAnnotations().put(TemplateRevision.PREVIOUS, TemplateRevision.json(current.template()));
        wanted.getMetadata().getAnnotations().put(TemplateRevision.LAST_CHANGE, "update");
        if (HorizontalAutoscalers.marked(current)) {
            wanted.getMetadata().getAnnotations().put(HorizontalAutoscalers.MARK, "true");
        }
        wanted.getMetadata().setResourceVersion(current.object().getMetadata().getResourceVersion());
        return call("update", spec.name(), () -> client.resource(wanted).update());
    }

    @Override
    public WorkloadStatus scale(String name, int replicas) {
        if (replicas < 0) {
            throw new InvalidSpecException("invalid replicas " + replicas + " of workload '" + name + "': expected 0 or more");
        }
        Controller c = require(name);
        if (c.global()) {
            throw new InvalidSpecException("workload '" + name + "' is global (a DaemonSet: one pod on every node): "
                    + "it cannot be scaled");
        }
        // replicas only, by a merge patch: the pod template is left as it was, so no pod is replaced, and a change of
        // the Deployment meanwhile (its status) does not make it fail
        call("scale", name, () -> client.apps().deployments().inNamespace(namespace).withName(name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":" + replicas + "}}"));
        return inspect(name);
    }

    @Override
    public WorkloadStatus rollback(String name) {
        rereadOnConflict(() -> rollBackTemplate(name));
        return inspect(name);
    }

    /** Puts the previous pod template back, with the rollback's strategy, on the controller as just read. */
    private HasMetadata rollBackTemplate(String name) {
        Controller c = require(name);
        String previous = c.annotations().get(TemplateRevision.PREVIOUS);
        if (previous == null) {
            throw new ConflictException("workload '" + name + "' was never updated: there is nothing to roll back to");
        }
        PodTemplateSpec back = TemplateRevision.parse(previous);
        String now = TemplateRevision.json(c.template());
        UpdatePolicy policy = PolicyText.read(c.annotations().get(WorkloadManifest.ROLLBACK));
        WorkloadSpec strategySource = WorkloadReading.spec(c, null).toBuilder().update(policy).build();
        return call("roll back", name, () -> {
            if (c.global()) {
                DaemonSet strategy = WorkloadManifest.daemonSet(strategySource, namespace);
                return client.apps().daemonSets().inNamespace(namespace).withName(name).edit(d -> new DaemonSetBuilder(d)
                        .editMetadata().addToAnnotations(TemplateRevision.PREVIOUS, now)
                        .addToAnnotations(TemplateRevision.LAST_CHANGE, "rollback").endMetadata()
                        .editSpec().withTemplate(back).withUpdateStrategy(strategy.getSpec().getUpdateStrategy()).endSpec().build());
            }
            Deployment strategy = WorkloadManifest.deployment(strategySource, namespace);
            return client.apps().deployments().inNamespace(namespace).withName(name).edit(d -> new DeploymentBuilder(d)
                    .editMetadata().addToAnnotations(TemplateRevision.PREVIOUS, now)
                    .addToAnnotations(TemplateRevision.LAST_CHANGE, "rollback").endMetadata()
                    .editSpec().withTemplate(back).withStrategy(strategy.getSpec().getStrategy()).endSpec().build());
        });
    }

    @Override
    public void remove(String name) {
        Controller c = require(name);
        Service service = service(name);
        if (service != null) {
            call("remove", name, () -> client.resource(service).delete());
        }
        if (HorizontalAutoscalers.marked(c)) {
            deleteAutoscaler(name);
        }
        call("remove", name, () -> client.resource(c.object()).delete());
    }

    @Override
    public void autoscale(String name, AutoscalePolicy policy) {
        Controller c = require(name);
        if (c.global()) {
            throw new InvalidSpecException("workload '" + name + "' is global (a DaemonSet: one pod on every node): "
                    + "it cannot be autoscaled");
        }
        // marked first: an autoscaler that is then made is always found again, and removed with the workload
        if (!HorizontalAutoscalers.marked(c)) {
            call("autoscale", name, () -> mark(name, "\"true\""));
        }
        HorizontalPodAutoscaler wanted = HorizontalAutoscalers.of(name, namespace, policy);
        HorizontalPodAutoscaler current = autoscaler(name);
        if (current == null) {
            call("autoscale", name, () -> client.resource(wanted).create());
        } else if (!HorizontalAutoscalers.policy(current).equals(Optional.of(policy))) {
            wanted.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
            call("autoscale", name, () -> client.resource(wanted).update());
        }
    }

    @Override
    public void stopAutoscaling(String name) {
        Controller c = find(name);
        if (c == null || !HorizontalAutoscalers.marked(c)) {
            return;
        }
        deleteAutoscaler(name);
        call("stop autoscaling", name, () -> mark(name, "null"));
    }

    /**
     * Sets ({@code "true"}) or removes ({@code null}) the autoscaled mark by a merge patch: it names no resource
     * version, so a change of the Deployment meanwhile (its status, its replicas) does not make it fail.
     */
    private Deployment mark(String name, String jsonValue) {
        return client.apps().deployments().inNamespace(namespace).withName(name).patch(
                PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"annotations\":{\"" + HorizontalAutoscalers.MARK + "\":" + jsonValue + "}}}");
    }

    /** Read only for a workload marked as autoscaled: a role that may not read autoscalers serves the others. */
    @Override
    public Optional<AutoscalePolicy> autoscaling(String name) {
        Controller c = find(name);
        if (c == null || !HorizontalAutoscalers.marked(c)) {
            return Optional.empty();
        }
        HorizontalPodAutoscaler current = autoscaler(name);
        return current == null ? Optional.empty() : HorizontalAutoscalers.policy(current);
    }

    @Override
    public Subscription watchTasks(Runnable changed, Consumer<String> ended) {
        return call("watch the pods of", "", () -> PodWatch.start(client.pods().inNamespace(namespace)
                .withLabels(WorkloadManifest.identity()), changed, ended));
    }

    private HorizontalPodAutoscaler autoscaler(String name) {
        return call("read the autoscaler of", name, () -> client.autoscaling().v2().horizontalPodAutoscalers()
                .inNamespace(namespace).withName(name).get());
    }

    private void deleteAutoscaler(String name) {
        HorizontalPodAutoscaler current = autoscaler(name);
        if (current != null && HorizontalAutoscalers.policy(current).isPresent()) {
            call("stop autoscaling", name, () -> client.resource(current).delete());
        }
    }

    @Override
    public List<WorkloadStatus> list(Map<String, String> labels) {
        Map<String, String> selector = new HashMap<>(LabelValues.of(labels));
        selector.putAll(WorkloadManifest.identity());
        List<Controller> controllers = new ArrayList<>();
        call("list", "", () -> client.apps().deployments().inNamespace(namespace).withLabels(selector).list())
                .getItems().forEach(d -> controllers.add(Controller.of(d)));
        call("list", "", () -> client.apps().daemonSets().inNamespace(namespace).withLabels(selector).list())
                .getItems().forEach(d -> controllers.add(Controller.of(d)));
        return controllers.stream().filter(c -> c.labels().containsKey(WorkloadManifest.WORKLOAD))
                .map(this::status)
                .filter(s -> s.labels().entrySet().containsAll(labels.entrySet()))
                .sorted(Comparator.comparing(WorkloadStatus::name)).toList();
    }

    @Override
    public WorkloadStatus inspect(String name) {
        return status(require(name));
    }

    @Override
    public Subscription logs(String name, LogOptions options, Consumer<LogLine> sink) {
        require(name);
        List<PodResource> pods = pods(name).stream().filter(p -> !WorkloadReading.terminating(p))
                .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
                .map(p -> client.pods().inNamespace(namespace).withName(p.getMetadata().getName())).toList();
        return PodLogs.start(pods, options, sink);
    }

    @Override
    public Subscription taskLogs(String task, LogOptions options, Consumer<LogLine> sink) {
        Pod pod = call("read the pod", task, () -> client.pods().inNamespace(namespace).withName(task).get());
        if (pod == null || pod.getMetadata().getLabels() == null
                || !pod.getMetadata().getLabels().containsKey(WorkloadManifest.WORKLOAD)) {
            throw new NotFoundException("pod", task, "pod '" + task + "' of a workload not found in namespace "
                    + namespace, null);
        }
        return PodLogs.start(List.of(client.pods().inNamespace(namespace).withName(task)), options, sink);
    }

    @Override
    public void close() {
        client.close();
    }

    private WorkloadStatus status(Controller c) {
        return WorkloadReading.status(c, service(c.name()), pods(c.name()));
    }

    private List<Pod> pods(String name) {
        return call("list the pods of", name, () -> client.pods().inNamespace(namespace)
                .withLabels(WorkloadManifest.selector(name)).list()).getItems();
    }

    private Service service(String name) {
        Service s = call("read", name, () -> client.services().inNamespace(namespace).withName(name).get());
        return s != null && s.getMetadata().getLabels() != null
                && name.equals(s.getMetadata().getLabels().get(WorkloadManifest.WORKLOAD)) ? s : null;
    }

    /** Creates, changes or removes the Service as the spec's ingress ports now say. */
    private void syncService(WorkloadSpec spec) {
        Service wanted = WorkloadManifest.service(spec, namespace);
        Service current = service(spec.name());
        if (wanted == null && current != null) {
            call("update", spec.name(), () -> client.resource(current).delete());
        } else if (wanted != null && current == null) {
            call("update", spec.name(), () -> client.resource(wanted).create());
        } else if (wanted != null) {
            wanted.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
            wanted.getSpec().setClusterIP(current.getSpec().getClusterIP());
            call("update", spec.name(), () -> client.resource(wanted).update());
        }
    }

    private static void stamp(HasMetadata controller) {
        if (controller instanceof Deployment d) {
            d.getSpec().setTemplate(TemplateRevision.stamped(d.getSpec().getTemplate()));
        } else if (controller instanceof DaemonSet d) {
            d.getSpec().setTemplate(TemplateRevision.stamped(d.getSpec().getTemplate()));
        }
    }

    private Controller require(String name) {
        Controller c = find(name);
        if (c == null) {
            throw new NotFoundException("workload", name, "workload '" + name + "' not found in namespace " + namespace, null);
        }
        return c;
    }

    /** The workload's Deployment or DaemonSet, if Capstan made one of that name. */
    private Controller find(String name) {
        Deployment d = call("read", name, () -> client.apps().deployments().inNamespace(namespace).withName(name).get());
        if (d != null && isWorkload(d)) {
            return Controller.of(d);
        }
        DaemonSet ds = call("read", name, () -> client.apps().daemonSets().inNamespace(namespace).withName(name).get());
        return ds != null && isWorkload(ds) ? Controller.of(ds) : null;
    }

    private static boolean isWorkload(HasMetadata object) {
        Map<String, String> labels = object.getMetadata().getLabels();
        return labels != null && object.getMetadata().getName().equals(labels.get(WorkloadManifest.WORKLOAD));
    }

    private void deleteQuietly(HasMetadata object) {
        try {
            client.resource(object).delete();
        } catch (KubernetesClientException ignored) {
            // the error that made us clean up is the one to report
        }
    }

    /**
     * Runs a read-then-write again when the object changed between the two (the API server's 409), as kubectl does:
     * a cluster's controllers change a Deployment's status all the time.
     */
    private static <T> T rereadOnConflict(Supplier<T> readThenWrite) {
        for (int attempt = 1; ; attempt++) {
            try {
                return readThenWrite.get();
            } catch (ConflictException e) {
                boolean changedMeanwhile = e.getCause() instanceof KubernetesClientException k && k.getCode() == 409;
                if (!changedMeanwhile || attempt == CONFLICT_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private <T> T call(String verb, String name, Supplier<T> call) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.map(e, verb, "workload", name.isEmpty() ? namespace : namespace + "/" + name,
                    client.getConfiguration().getMasterUrl());
        }
    }
}
