package io.capstan.kubernetes;

import io.capstan.core.error.InvalidSpecException;
import io.capstan.orchestration.KubernetesService;
import io.capstan.orchestration.ServicePort;
import io.capstan.orchestration.ServiceType;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServiceSpec;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Services of the four types, each with what its type needs and nothing it forbids. */
final class ServiceObjects {
    private ServiceObjects() {
    }

    static Service build(KubernetesService s) {
        check(s);
        return new ServiceBuilder()
                .withNewMetadata().withName(s.name()).withNamespace(s.namespace()).endMetadata()
                .withSpec(spec(new ServiceSpec(), s))
                .build();
    }

    /**
     * {@code current} made like {@code s}. A node port the cluster chose is kept while the port and a type with node
     * ports stay; the cluster IP goes when the service becomes an ExternalName one (which has none).
     */
    static Service update(Service current, KubernetesService s) {
        check(s);
        ServiceSpec spec = new ServiceBuilder(current).build().getSpec();
        if (spec == null) {
            spec = new ServiceSpec();
        }
        List<ServicePort> ports = s.ports().stream().map(p -> keepNodePort(p, current, s.serviceType())).toList();
        return new ServiceBuilder(current).withSpec(spec(spec, new KubernetesService(s.name(), s.namespace(),
                s.selector(), ports, s.serviceType(), s.externalName()))).build();
    }

    private static ServicePort keepNodePort(ServicePort p, Service current, ServiceType type) {
        if (p.nodePort() != 0 || !hasNodePorts(type) || current.getSpec() == null || current.getSpec().getPorts() == null) {
            return p;
        }
        return current.getSpec().getPorts().stream()
                .filter(q -> q.getPort() == p.port() && q.getNodePort() != null && q.getNodePort() != 0)
                .findFirst()
                .map(q -> new ServicePort(p.port(), p.targetPort(), p.protocol(), q.getNodePort()))
                .orElse(p);
    }

    private static ServiceSpec spec(ServiceSpec spec, KubernetesService s) {
        spec.setType(s.serviceType().word());
        spec.setSelector(s.selector().isEmpty() ? null : new java.util.LinkedHashMap<>(s.selector()));
        spec.setPorts(s.ports().stream().map(p -> {
            var port = new io.fabric8.kubernetes.api.model.ServicePortBuilder()
                    .withName(p.protocol().toLowerCase(Locale.ROOT) + "-" + p.port())
                    .withPort(p.port()).withProtocol(p.protocol()).withTargetPort(new IntOrString(p.targetPort()));
            if (p.nodePort() != 0) {
                port.withNodePort(p.nodePort());
            }
            return port.build();
        }).toList());
        spec.setExternalName(s.externalName());
        if (s.serviceType() == ServiceType.EXTERNAL_NAME) {
            spec.setClusterIP(null);
            spec.setClusterIPs(null);
        }
        if (!hasNodePorts(s.serviceType())) {
            spec.setExternalTrafficPolicy(null);
        }
        return spec;
    }

    static KubernetesService read(Service s) {
        ServiceSpec spec = s.getSpec() == null ? new ServiceSpec() : s.getSpec();
        List<ServicePort> ports = spec.getPorts() == null ? List.of() : spec.getPorts().stream()
                .map(p -> new ServicePort(p.getPort(), targetPort(p.getTargetPort(), p.getPort()), p.getProtocol(),
                        p.getNodePort() == null ? 0 : p.getNodePort()))
                .toList();
        Map<String, String> selector = spec.getSelector() == null ? Map.of() : spec.getSelector();
        return new KubernetesService(s.getMetadata().getName(), s.getMetadata().getNamespace(), selector, ports,
                spec.getType() == null ? ServiceType.CLUSTER_IP : ServiceType.of(spec.getType()), spec.getExternalName());
    }

    /** A named target port (such as {@code http}) cannot be a number here; it reads as the service's own port. */
    private static int targetPort(IntOrString target, int port) {
        return target == null || target.getIntVal() == null ? port : target.getIntVal();
    }

    private static boolean hasNodePorts(ServiceType type) {
        return type == ServiceType.NODE_PORT || type == ServiceType.LOAD_BALANCER;
    }

    private static void check(KubernetesService s) {
        Names.check("service", s.name());
        String object = "service '" + s.name() + "'";
        if (s.serviceType() == ServiceType.EXTERNAL_NAME) {
            if (s.externalName() == null || s.externalName().isBlank()) {
                throw new InvalidSpecException(object + " of type ExternalName needs the DNS name it stands for "
                        + "(--external-name such as db.example.com)");
            }
            Names.checkDnsName("external name of " + object, s.externalName());
        } else {
            if (s.externalName() != null) {
                throw new InvalidSpecException(object + " of type " + s.serviceType() + " cannot have an external name '"
                        + s.externalName() + "': only ExternalName services have one");
            }
            if (s.ports().isEmpty()) {
                throw new InvalidSpecException(object + " of type " + s.serviceType() + " has no port: expected at "
                        + "least one, such as 80:8080");
            }
        }
        if (!hasNodePorts(s.serviceType())) {
            s.ports().stream().filter(p -> p.nodePort() != 0).findFirst().ifPresent(p -> {
                throw new InvalidSpecException(object + " of type " + s.serviceType() + " cannot have node port "
                        + p.nodePort() + ": only NodePort and LoadBalancer services have node ports");
            });
        }
        long distinct = s.ports().stream().map(p -> p.port() + "/" + p.protocol()).distinct().count();
        if (distinct < s.ports().size()) {
            throw new InvalidSpecException(object + " lists one port twice: expected each PORT/PROTOCOL once");
        }
    }
}
