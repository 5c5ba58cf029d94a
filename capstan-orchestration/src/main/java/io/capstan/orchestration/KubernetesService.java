package io.capstan.orchestration;

import java.util.List;
import java.util.Map;

/**
 * A service: a stable address for the pods {@code selector} matches.
 *
 * @param selector     labels of the pods it sends traffic to (empty for an ExternalName service)
 * @param serviceType  ClusterIP, NodePort, LoadBalancer or ExternalName
 * @param externalName the DNS name an ExternalName service stands for; null for the other types
 */
public record KubernetesService(String name, String namespace, Map<String, String> selector, List<ServicePort> ports,
                                ServiceType serviceType, String externalName) {
    public KubernetesService {
        selector = selector == null ? Map.of() : Map.copyOf(selector);
        ports = ports == null ? List.of() : List.copyOf(ports);
        serviceType = serviceType == null ? ServiceType.CLUSTER_IP : serviceType;
    }

    public KubernetesService(String name, String namespace, Map<String, String> selector, List<ServicePort> ports,
                             ServiceType serviceType) {
        this(name, namespace, selector, ports, serviceType, null);
    }

    public KubernetesService withType(ServiceType serviceType) {
        return new KubernetesService(name, namespace, selector, ports, serviceType, externalName);
    }

    public KubernetesService withPorts(List<ServicePort> ports) {
        return new KubernetesService(name, namespace, selector, ports, serviceType, externalName);
    }

    public KubernetesService withSelector(Map<String, String> selector) {
        return new KubernetesService(name, namespace, selector, ports, serviceType, externalName);
    }
}
