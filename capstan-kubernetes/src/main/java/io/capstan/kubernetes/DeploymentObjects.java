package io.capstan.kubernetes;

import io.capstan.core.error.InvalidSpecException;
import io.capstan.core.label.Labels;
import io.capstan.orchestration.KubernetesDeployment;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

/** Deployments: one container, pods labelled {@code app=NAME}. */
final class DeploymentObjects {
    private DeploymentObjects() {
    }

    static Deployment build(KubernetesDeployment d) {
        check(d);
        return new DeploymentBuilder()
                .withNewMetadata().withName(d.name()).withNamespace(d.namespace()).addToLabels(Labels.APP, d.name()).endMetadata()
                .withNewSpec().withReplicas(d.replicas())
                .withNewSelector().addToMatchLabels(Labels.APP, d.name()).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels(Labels.APP, d.name()).endMetadata()
                .withNewSpec().addToContainers(ContainerParts.container(d.name(), d.image(), d.ports(), d.environment()))
                .endSpec().endTemplate().endSpec()
                .build();
    }

    /** {@code current} changed to {@code d}: its first container's image, ports and environment, and the replicas. */
    static Deployment update(Deployment current, KubernetesDeployment d) {
        check(d);
        Container was = ContainerParts.first(current.getSpec().getTemplate().getSpec().getContainers());
        String name = was == null ? d.name() : was.getName();
        return new DeploymentBuilder(current)
                .editSpec().withReplicas(d.replicas())
                .editTemplate().editSpec()
                .editFirstContainer().withName(name).withImage(d.image())
                .withPorts(ContainerParts.container(name, d.image(), d.ports(), d.environment()).getPorts())
                .withEnv(ContainerParts.env(d.environment()))
                .endContainer().endSpec().endTemplate().endSpec()
                .build();
    }

    static Deployment scale(Deployment current, int replicas) {
        checkReplicas(replicas, current.getMetadata().getName());
        return new DeploymentBuilder(current).editSpec().withReplicas(replicas).endSpec().build();
    }

    static KubernetesDeployment read(Deployment d) {
        Container c = d.getSpec() == null || d.getSpec().getTemplate() == null || d.getSpec().getTemplate().getSpec() == null
                ? null : ContainerParts.first(d.getSpec().getTemplate().getSpec().getContainers());
        Integer replicas = d.getSpec() == null ? null : d.getSpec().getReplicas();
        return new KubernetesDeployment(d.getMetadata().getName(), d.getMetadata().getNamespace(), ContainerParts.image(c),
                replicas == null ? 1 : replicas, ContainerParts.ports(c), ContainerParts.environment(c));
    }

    private static void check(KubernetesDeployment d) {
        Names.check("deployment", d.name());
        if (d.image() == null || d.image().isBlank()) {
            throw new InvalidSpecException("deployment '" + d.name() + "' has no image: expected one such as nginx:1.27");
        }
        checkReplicas(d.replicas(), d.name());
    }

    private static void checkReplicas(int replicas, String name) {
        if (replicas < 0) {
            throw new InvalidSpecException("invalid replicas " + replicas + " of deployment '" + name
                    + "': expected 0 or more");
        }
    }
}
