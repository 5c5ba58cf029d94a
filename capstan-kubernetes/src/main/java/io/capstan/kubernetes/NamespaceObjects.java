package io.capstan.kubernetes;

import io.capstan.orchestration.KubernetesNamespace;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;

import java.util.LinkedHashMap;
import java.util.Map;

final class NamespaceObjects {
    private NamespaceObjects() {
    }

    static Namespace build(String name) {
        return new NamespaceBuilder().withNewMetadata().withName(Names.check("namespace", name)).endMetadata().build();
    }

    static Namespace withLabels(Namespace current, Map<String, String> labels) {
        return new NamespaceBuilder(current).editMetadata().withLabels(new LinkedHashMap<>(labels)).endMetadata().build();
    }

    static KubernetesNamespace read(Namespace n) {
        String phase = n.getStatus() == null || n.getStatus().getPhase() == null ? "Unknown" : n.getStatus().getPhase();
        return new KubernetesNamespace(n.getMetadata().getName(), phase,
                ContainerParts.instant(n.getMetadata().getCreationTimestamp()), n.getMetadata().getLabels());
    }
}
