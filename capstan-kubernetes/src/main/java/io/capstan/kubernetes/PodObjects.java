package io.capstan.kubernetes;

import io.capstan.core.error.InvalidSpecException;
import io.capstan.core.label.Labels;
import io.capstan.orchestration.ContainerPort;
import io.capstan.orchestration.KubernetesPod;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;

import java.util.List;
import java.util.Map;

/** Pods of one container. */
final class PodObjects {
    private PodObjects() {
    }

    static Pod build(String name, String namespace, String image, List<ContainerPort> ports, Map<String, String> env) {
        Names.check("pod", name);
        checkImage(name, image);
        return new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).addToLabels(Labels.APP, name).endMetadata()
                .withNewSpec().addToContainers(ContainerParts.container(name, image, ports, env)).endSpec()
                .build();
    }

    static Pod withImage(Pod current, String image) {
        checkImage(current.getMetadata().getName(), image);
        return new PodBuilder(current).editSpec().editFirstContainer().withImage(image).endContainer().endSpec().build();
    }

    static KubernetesPod read(Pod p) {
        Container c = p.getSpec() == null ? null : ContainerParts.first(p.getSpec().getContainers());
        String phase = p.getStatus() == null || p.getStatus().getPhase() == null ? "Unknown" : p.getStatus().getPhase();
        return new KubernetesPod(p.getMetadata().getName(), p.getMetadata().getNamespace(), ContainerParts.image(c), phase,
                ContainerParts.ports(c), ContainerParts.environment(c));
    }

    private static void checkImage(String name, String image) {
        if (image == null || image.isBlank()) {
            throw new InvalidSpecException("pod '" + name + "' has no image: expected one such as busybox:1.36");
        }
    }
}
