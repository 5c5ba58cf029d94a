package io.capstan.kubernetes.workload;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.util.Map;

/**
 * Which pod template a pod was made from: the template carries the hash of itself as a label, which its pods copy, so
 * a rollout is done once every pod carries the controller's current one. The template before the last update is
 * recorded on the controller, for a rollback.
 */
final class TemplateRevision {
    static final String LABEL = "capstan.io/template";
    static final String PREVIOUS = "capstan.io/previous-template";
    static final String LAST_CHANGE = "capstan.io/last-change";
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private TemplateRevision() {
    }

    /** The template with its own hash as a label (a hash of everything but that label). */
    static PodTemplateSpec stamped(PodTemplateSpec template) {
        PodTemplateSpec bare = unstamped(template);
        String hash = LabelValues.hash(SERIALIZATION.asJson(bare)).substring("sha256-".length(), "sha256-".length() + 16);
        return new PodTemplateSpecBuilder(bare).editMetadata().addToLabels(LABEL, hash).endMetadata().build();
    }

    static PodTemplateSpec unstamped(PodTemplateSpec template) {
        PodTemplateSpec copy = new PodTemplateSpecBuilder(template).build();
        if (copy.getMetadata() != null && copy.getMetadata().getLabels() != null) {
            copy.getMetadata().getLabels().remove(LABEL);
        }
        return copy;
    }

    static String of(PodTemplateSpec template) {
        Map<String, String> labels = template.getMetadata() == null ? null : template.getMetadata().getLabels();
        return labels == null ? "" : labels.getOrDefault(LABEL, "");
    }

    static String json(PodTemplateSpec template) {
        return SERIALIZATION.asJson(template);
    }

    static PodTemplateSpec parse(String json) {
        return SERIALIZATION.unmarshal(json, PodTemplateSpec.class);
    }
}
