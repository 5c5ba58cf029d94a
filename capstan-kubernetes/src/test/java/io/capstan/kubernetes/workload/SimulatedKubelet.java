package io.capstan.kubernetes.workload;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a cluster's controllers and its one kubelet would do, for the fabric8 mock API server, which has none: every
 * 100 ms, each Deployment and DaemonSet of the namespace gets its pods, made from its current pod template, running
 * and ready on node {@code mock-node}; pods of an earlier template, pods beyond the replicas and pods whose controller
 * is gone are deleted (all at once: the simulation does not pace a rollout), and the controller's status is set. A
 * pod's log is what the {@code echo} commands of its {@code sh -c} script would print, with its environment.
 */
public final class SimulatedKubelet implements AutoCloseable {
    public static final String NODE = "mock-node";
    private static final String HASH = "pod-template-hash";
    private static final Pattern ECHO = Pattern.compile("(?:^|;)\\s*echo ([^;]*)");
    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private final KubernetesClient client;
    private final KubernetesMockServer server;
    private final String namespace;
    private final AtomicLong pods = new AtomicLong();
    private final Thread loop;
    private volatile boolean stopped;

    public SimulatedKubelet(KubernetesClient client, KubernetesMockServer server, String namespace) {
        this.client = client;
        this.server = server;
        this.namespace = namespace;
        loop = Thread.ofPlatform().daemon().name("simulated-kubelet").start(this::run);
    }

    private void run() {
        while (!stopped) {
            try {
                reconcile();
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException raced) {
                // an object changed or went away meanwhile: the next round sees it
            }
        }
    }

    /** One round of the controllers' and the kubelet's work. */
    void reconcile() {
        List<String> owners = new ArrayList<>();
        for (Deployment d : client.apps().deployments().inNamespace(namespace).list().getItems()) {
            int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
            int ready = converge(d, d.getSpec().getSelector().getMatchLabels(), d.getSpec().getTemplate(), replicas);
            owners.add(d.getMetadata().getUid());
            client.apps().deployments().inNamespace(namespace).resource(new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder(d)
                    .withStatus(new DeploymentStatusBuilder().withReplicas(ready).withReadyReplicas(ready)
                            .withUpdatedReplicas(ready).withAvailableReplicas(ready)
                            .withObservedGeneration(d.getMetadata().getGeneration()).build()).build()).updateStatus();
        }
        for (DaemonSet d : client.apps().daemonSets().inNamespace(namespace).list().getItems()) {
            int ready = converge(d, d.getSpec().getSelector().getMatchLabels(), d.getSpec().getTemplate(), 1);
            owners.add(d.getMetadata().getUid());
            client.apps().daemonSets().inNamespace(namespace).resource(new io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder(d)
                    .withStatus(new DaemonSetStatusBuilder().withDesiredNumberScheduled(1).withCurrentNumberScheduled(ready)
                            .withNumberReady(ready).withUpdatedNumberScheduled(ready).withNumberAvailable(ready).build())
                    .build()).updateStatus();
        }
        for (Pod pod : client.pods().inNamespace(namespace).list().getItems()) {
            var refs = pod.getMetadata().getOwnerReferences();
            if (refs != null && !refs.isEmpty() && !owners.contains(refs.getFirst().getUid())) {
                client.resource(pod).delete();
            }
        }
    }

    private int converge(HasMetadata owner, Map<String, String> selector, PodTemplateSpec template, int replicas) {
        String hash = Integer.toHexString(JSON.asJson(template).hashCode());
        List<Pod> current = new ArrayList<>();
        for (Pod pod : client.pods().inNamespace(namespace).withLabels(selector).list().getItems()) {
            if (hash.equals(pod.getMetadata().getLabels().get(HASH))) {
                current.add(pod);
            } else {
                client.resource(pod).delete();
            }
        }
        current.sort(Comparator.comparing(p -> p.getMetadata().getName()));
        while (current.size() > replicas) {
            client.resource(current.removeLast()).delete();
        }
        while (current.size() < replicas) {
            current.add(start(owner, template, hash));
        }
        return current.size();
    }

    private Pod start(HasMetadata owner, PodTemplateSpec template, String hash) {
        String name = owner.getMetadata().getName() + "-" + hash + "-" + pods.incrementAndGet();
        Map<String, String> labels = new HashMap<>(template.getMetadata().getLabels());
        labels.put(HASH, hash);
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Pod pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels)
                .withAnnotations(template.getMetadata().getAnnotations())
                .addNewOwnerReference().withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
                .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid()).withController(true)
                .endOwnerReference().endMetadata()
                .withSpec(template.getSpec()).editSpec().withNodeName(NODE).endSpec()
                .withNewStatus().withPhase("Running").withStartTime(now)
                .addNewCondition().withType("Ready").withStatus("True").endCondition()
                .addToContainerStatuses(new ContainerStatusBuilder().withName(template.getSpec().getContainers().getFirst().getName())
                        .withImage(template.getSpec().getContainers().getFirst().getImage())
                        .withContainerID("containerd://" + UUID.randomUUID().toString().replace("-", ""))
                        .withReady(true).withNewState().withNewRunning().withStartedAt(now).endRunning().endState().build())
                .endStatus().build();
        Pod created = client.pods().inNamespace(namespace).resource(pod).create();
        server.expect().get().withPath("/api/v1/namespaces/" + namespace + "/pods/" + name + "/log?pretty=false")
                .andReturn(200, output(pod)).always();
        return created;
    }

    /** What the container's {@code sh -c} script echoes, its variables taken from the container's environment. */
    private static String output(Pod pod) {
        var container = pod.getSpec().getContainers().getFirst();
        List<String> command = new ArrayList<>();
        if (container.getCommand() != null) {
            command.addAll(container.getCommand());
        }
        if (container.getArgs() != null) {
            command.addAll(container.getArgs());
        }
        if (command.size() < 3 || !command.get(1).equals("-c")) {
            return "";
        }
        Map<String, String> env = new HashMap<>();
        if (container.getEnv() != null) {
            container.getEnv().forEach(e -> env.put(e.getName(), e.getValue()));
        }
        StringBuilder out = new StringBuilder();
        Matcher m = ECHO.matcher(command.get(2));
        while (m.find()) {
            String line = m.group(1).strip();
            for (var e : env.entrySet()) {
                line = line.replace("$" + e.getKey(), e.getValue());
            }
            out.append(line.replaceAll("\\$\\w+", "")).append('\n');
        }
        return out.toString();
    }

    @Override
    public void close() {
        stopped = true;
        loop.interrupt();
        try {
            loop.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
