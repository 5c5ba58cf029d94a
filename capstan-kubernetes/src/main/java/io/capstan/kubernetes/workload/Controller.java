package io.capstan.kubernetes.workload;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import java.util.Map;

/**
 * A workload's controller as it was read: a Deployment or, for a global workload, a DaemonSet.
 *
 * @param desired the replicas wanted: a Deployment's replicas, the nodes a DaemonSet's status says it should run on
 */
record Controller(HasMetadata object, PodTemplateSpec template, boolean global, int desired) {

    static Controller of(Deployment d) {
        Integer replicas = d.getSpec().getReplicas();
        return new Controller(d, d.getSpec().getTemplate(), false, replicas == null ? 1 : replicas);
    }

    static Controller of(DaemonSet d) {
        Integer scheduled = d.getStatus() == null ? null : d.getStatus().getDesiredNumberScheduled();
        return new Controller(d, d.getSpec().getTemplate(), true, scheduled == null ? 0 : scheduled);
    }

    String name() {
        return object.getMetadata().getName();
    }

    String kind() {
        return global ? "daemonset" : "deployment";
    }

    Map<String, String> annotations() {
        Map<String, String> a = object.getMetadata().getAnnotations();
        return a == null ? Map.of() : a;
    }

    Map<String, String> labels() {
        Map<String, String> l = object.getMetadata().getLabels();
        return l == null ? Map.of() : l;
    }
}
