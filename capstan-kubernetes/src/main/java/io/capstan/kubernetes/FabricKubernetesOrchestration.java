package io.capstan.kubernetes;

import io.capstan.core.error.NotFoundException;
import io.capstan.orchestration.ContainerPort;
import io.capstan.orchestration.KubernetesDeployment;
import io.capstan.orchestration.KubernetesNamespace;
import io.capstan.orchestration.KubernetesOrchestration;
import io.capstan.orchestration.KubernetesPod;
import io.capstan.orchestration.KubernetesService;
import io.capstan.orchestration.ServicePort;
import io.capstan.orchestration.ServiceType;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/** {@link KubernetesOrchestration} with the fabric8 client; every API-server refusal goes through {@link KubernetesErrors}. */
final class FabricKubernetesOrchestration implements KubernetesOrchestration {
    /** Lists come sorted by name, as the API server itself returns them (the mock server does not). */
    private static final Comparator<HasMetadata> BY_NAME = Comparator.comparing(o -> o.getMetadata().getName());

    private final KubernetesClient client;

    FabricKubernetesOrchestration(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public String defaultNamespace() {
        String namespace = client.getNamespace();
        return namespace == null || namespace.isBlank() ? "default" : namespace;
    }

    // deployments

    @Override
    public KubernetesDeployment createDeployment(String name, String namespace, String image, int replicas,
                                                 List<ContainerPort> ports, Map<String, String> environment) {
        String ns = ns(namespace);
        Deployment d = DeploymentObjects.build(new KubernetesDeployment(name, ns, image, replicas,
                ports == null ? List.of() : ports, environment == null ? Map.of() : environment));
        return DeploymentObjects.read(call("create", "deployment", ns, name, () -> client.resource(d).create()));
    }

    @Override
    public KubernetesDeployment updateDeployment(KubernetesDeployment deployment) {
        String ns = ns(deployment.namespace());
        KubernetesDeployment wanted = new KubernetesDeployment(deployment.name(), ns, deployment.image(),
                deployment.replicas(), deployment.ports(), deployment.environment());
        return DeploymentObjects.read(replace("deployment", ns, deployment.name(), deployment(ns, deployment.name()),
                current -> DeploymentObjects.read(current).withReplicas(wanted.replicas()).equals(wanted)
                        ? DeploymentObjects.scale(current, wanted.replicas())
                        : DeploymentObjects.update(current, wanted)));
    }

    @Override
    public KubernetesDeployment scaleDeployment(String name, String namespace, int replicas) {
        String ns = ns(namespace);
        return DeploymentObjects.read(replace("deployment", ns, name, deployment(ns, name),
                current -> DeploymentObjects.scale(current, replicas)));
    }

    @Override
    public void deleteDeployment(String name, String namespace) {
        String ns = ns(namespace);
        delete("deployment", ns, name, deployment(ns, name));
    }

    @Override
    public KubernetesDeployment getDeployment(String name, String namespace) {
        String ns = ns(namespace);
        return DeploymentObjects.read(get("deployment", ns, name, deployment(ns, name)));
    }

    @Override
    public List<KubernetesDeployment> listDeployments(String namespace) {
        String ns = ns(namespace);
        return call("list", "deployments in namespace", ns, null,
                () -> client.apps().deployments().inNamespace(ns).list().getItems())
                .stream().sorted(BY_NAME).map(DeploymentObjects::read).toList();
    }

    private Resource<Deployment> deployment(String ns, String name) {
        return client.apps().deployments().inNamespace(ns).withName(Names.check("deployment", name));
    }

    // services

    @Override
    public KubernetesService createService(String name, String namespace, Map<String, String> selector,
                                           List<ServicePort> ports, ServiceType serviceType) {
        return createService(new KubernetesService(name, namespace, selector, ports, serviceType));
    }

    @Override
    public KubernetesService createService(KubernetesService service) {
        String ns = ns(service.namespace());
        Service s = ServiceObjects.build(inNamespace(service, ns));
        return ServiceObjects.read(call("create", "service", ns, service.name(), () -> client.resource(s).create()));
    }

    @Override
    public KubernetesService updateService(KubernetesService service) {
        String ns = ns(service.namespace());
        KubernetesService wanted = inNamespace(service, ns);
        return ServiceObjects.read(replace("service", ns, service.name(), service(ns, service.name()),
                current -> ServiceObjects.update(current, wanted)));
    }

    @Override
    public void deleteService(String name, String namespace) {
        String ns = ns(namespace);
        delete("service", ns, name, service(ns, name));
    }

    @Override
    public KubernetesService getService(String name, String namespace) {
        String ns = ns(namespace);
        return ServiceObjects.read(get("service", ns, name, service(ns, name)));
    }

    @Override
    public List<KubernetesService> listServices(String namespace) {
        String ns = ns(namespace);
        return call("list", "services in namespace", ns, null, () -> client.services().inNamespace(ns).list().getItems())
                .stream().sorted(BY_NAME).map(ServiceObjects::read).toList();
    }

    private Resource<Service> service(String ns, String name) {
        return client.services().inNamespace(ns).withName(Names.check("service", name));
    }

    private static KubernetesService inNamespace(KubernetesService s, String ns) {
        return new KubernetesService(s.name(), ns, s.selector(), s.ports(), s.serviceType(), s.externalName());
    }

    // namespaces

    @Override
    public KubernetesNamespace createNamespace(String name, Map<String, String> labels) {
        Namespace n = NamespaceObjects.withLabels(NamespaceObjects.build(name), labels == null ? Map.of() : labels);
        return NamespaceObjects.read(call("create", "namespace", null, name, () -> client.resource(n).create()));
    }

    @Override
    public KubernetesNamespace updateNamespace(String name, Map<String, String> labels) {
        return NamespaceObjects.read(replace("namespace", null, name, namespace(name),
                current -> NamespaceObjects.withLabels(current, labels)));
    }

    @Override
    public void deleteNamespace(String name) {
        delete("namespace", null, name, namespace(name));
    }

    @Override
    public KubernetesNamespace getNamespace(String name) {
        return NamespaceObjects.read(get("namespace", null, name, namespace(name)));
    }

    @Override
    public List<KubernetesNamespace> listNamespaces() {
        return call("list", "namespaces", null, null, () -> client.namespaces().list().getItems())
                .stream().sorted(BY_NAME).map(NamespaceObjects::read).toList();
    }

    private Resource<Namespace> namespace(String name) {
        return client.namespaces().withName(Names.check("namespace", name));
    }

    // pods

    @Override
    public KubernetesPod createPod(String name, String namespace, String image, List<ContainerPort> ports,
                                   Map<String, String> environment) {
        String ns = ns(namespace);
        Pod p = PodObjects.build(name, ns, image, ports == null ? List.of() : ports,
                environment == null ? Map.of() : environment);
        return PodObjects.read(call("create", "pod", ns, name, () -> client.resource(p).create()));
    }

    @Override
    public KubernetesPod updatePod(String name, String namespace, String image) {
        String ns = ns(namespace);
        return PodObjects.read(replace("pod", ns, name, pod(ns, name), current -> PodObjects.withImage(current, image)));
    }

    @Override
    public void deletePod(String name, String namespace) {
        String ns = ns(namespace);
        delete("pod", ns, name, pod(ns, name));
    }

    @Override
    public KubernetesPod getPod(String name, String namespace) {
        String ns = ns(namespace);
        return PodObjects.read(get("pod", ns, name, pod(ns, name)));
    }

    @Override
    public List<KubernetesPod> listPods(String namespace) {
        String ns = ns(namespace);
        return call("list", "pods in namespace", ns, null, () -> client.pods().inNamespace(ns).list().getItems())
                .stream().sorted(BY_NAME).map(PodObjects::read).toList();
    }

    @Override
    public String podLog(String name, String namespace, int tailLines) {
        String ns = ns(namespace);
        get("pod", ns, name, pod(ns, name));
        return call("read the log of", "pod", ns, name, () -> tailLines > 0
                ? pod(ns, name).tailingLines(tailLines).getLog() : pod(ns, name).getLog());
    }

    private io.fabric8.kubernetes.client.dsl.PodResource pod(String ns, String name) {
        return client.pods().inNamespace(ns).withName(Names.check("pod", name));
    }

    @Override
    public void close() {
        client.close();
    }

    // the calls, with errors named after the object

    private String ns(String namespace) {
        return namespace == null || namespace.isBlank() ? defaultNamespace() : Names.check("namespace", namespace);
    }

    private <T> T call(String verb, String kind, String ns, String name, Supplier<T> request) {
        try {
            return request.get();
        } catch (KubernetesClientException e) {
            throw KubernetesErrors.map(e, verb, kind, reference(ns, name), String.valueOf(client.getMasterUrl()));
        }
    }

    private <T extends HasMetadata> T get(String kind, String ns, String name, Resource<T> resource) {
        T found = call("get", kind, ns, name, resource::get);
        if (found == null) {
            throw new NotFoundException(kind, reference(ns, name));
        }
        return found;
    }

    /** Reads the object and writes {@code change} of it back; a change by someone else in between is a conflict. */
    private <T extends HasMetadata> T replace(String kind, String ns, String name, Resource<T> resource,
                                                     UnaryOperator<T> change) {
        T changed = change.apply(get(kind, ns, name, resource));
        return call("update", kind, ns, name, () -> client.resource(changed).update());
    }

    private void delete(String kind, String ns, String name, Resource<?> resource) {
        if (call("delete", kind, ns, name, resource::delete).isEmpty()) {
            throw new NotFoundException(kind, reference(ns, name));
        }
    }

    private static String reference(String ns, String name) {
        return ns == null ? name : name == null ? ns : ns + "/" + name;
    }
}
