package io.capstan.orchestration;

import java.util.List;
import java.util.Map;

/**
 * Namespaces, deployments, services and pods of one Kubernetes cluster. {@code capstan-kubernetes} implements it
 * ({@code KubernetesClusters.connect}). A {@code namespace} argument that is null means the connection's default
 * namespace.
 *
 * <p>Failures are one line each, naming the object: a missing one is a {@link io.capstan.core.error.NotFoundException},
 * an existing one or a concurrent change a {@link io.capstan.core.error.ConflictException}, a request the API server
 * finds invalid an {@link io.capstan.core.error.InvalidSpecException} naming the field, a forbidden one an
 * {@link io.capstan.core.error.EngineException} naming the verb and the user's missing permission.
 */
public interface KubernetesOrchestration extends AutoCloseable {

    /**
     * Creates a deployment of {@code replicas} pods labelled {@code app=NAME}.
     *
     * @param ports       the ports its container listens on
     * @param environment its container's environment variables
     */
    KubernetesDeployment createDeployment(String name, String namespace, String image, int replicas,
                                          List<ContainerPort> ports, Map<String, String> environment);

    /**
     * Makes the deployment look like {@code deployment}. A change of replicas alone only scales it: the pod template is
     * left as it is, so no pod is replaced; a change of image, ports or environment rolls its pods.
     */
    KubernetesDeployment updateDeployment(KubernetesDeployment deployment);

    /** Sets the number of replicas only (never rolls pods). */
    KubernetesDeployment scaleDeployment(String name, String namespace, int replicas);

    void deleteDeployment(String name, String namespace);

    KubernetesDeployment getDeployment(String name, String namespace);

    List<KubernetesDeployment> listDeployments(String namespace);

    /**
     * Creates a service of {@code serviceType} (ClusterIP when null) for the pods {@code selector} matches. An
     * ExternalName service needs its DNS name: use {@link #createService(KubernetesService)}.
     */
    KubernetesService createService(String name, String namespace, Map<String, String> selector, List<ServicePort> ports,
                                    ServiceType serviceType);

    /** Creates the service as described, an ExternalName one included. */
    KubernetesService createService(KubernetesService service);

    /** Makes the service's type, selector, ports and external name those of {@code service}. */
    KubernetesService updateService(KubernetesService service);

    void deleteService(String name, String namespace);

    KubernetesService getService(String name, String namespace);

    List<KubernetesService> listServices(String namespace);

    default KubernetesNamespace createNamespace(String name) {
        return createNamespace(name, Map.of());
    }

    /** Creates a namespace carrying {@code labels}. */
    KubernetesNamespace createNamespace(String name, Map<String, String> labels);

    /** Sets the namespace's labels to {@code labels} (an empty map removes them all). */
    KubernetesNamespace updateNamespace(String name, Map<String, String> labels);

    /** Deletes the namespace and, as the cluster then does, everything in it. */
    void deleteNamespace(String name);

    KubernetesNamespace getNamespace(String name);

    List<KubernetesNamespace> listNamespaces();

    /** Creates a pod of one container. */
    KubernetesPod createPod(String name, String namespace, String image, List<ContainerPort> ports,
                            Map<String, String> environment);

    /** Replaces the pod's container image (the one field of a running pod Kubernetes lets change). */
    KubernetesPod updatePod(String name, String namespace, String image);

    void deletePod(String name, String namespace);

    KubernetesPod getPod(String name, String namespace);

    List<KubernetesPod> listPods(String namespace);

    /** The last {@code tailLines} lines (all when 0 or less) of the pod's container's log. */
    String podLog(String name, String namespace, int tailLines);

    /** The namespace used when a method's {@code namespace} is null. */
    String defaultNamespace();

    @Override
    void close();
}
