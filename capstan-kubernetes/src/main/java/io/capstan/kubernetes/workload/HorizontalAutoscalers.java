package io.capstan.kubernetes.workload;

import io.capstan.core.workload.AutoscalePolicy;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRulesBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A workload's {@code autoscaling/v2} HorizontalPodAutoscaler, named after its Deployment: between the policy's
 * minimum and maximum, holding the average CPU utilization (of what each pod requests, which is its limit when it
 * gives only that) at the policy's target, with its windows as the scale-up and scale-down stabilization windows.
 */
final class HorizontalAutoscalers {
    /** The annotation on a Deployment that Capstan gave an autoscaler. */
    static final String MARK = "capstan.io/autoscaled";
    private static final String CPU = "cpu";

    private HorizontalAutoscalers() {
    }

    static HorizontalPodAutoscaler of(String name, String namespace, AutoscalePolicy policy) {
        Map<String, String> labels = new TreeMap<>(WorkloadManifest.identity());
        labels.putAll(WorkloadManifest.selector(name));
        return new HorizontalPodAutoscalerBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels).endMetadata()
                .withNewSpec()
                .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName(name).endScaleTargetRef()
                .withMinReplicas(policy.minReplicas()).withMaxReplicas(policy.maxReplicas())
                .addNewMetric().withType("Resource").withNewResource().withName(CPU)
                .withNewTarget().withType("Utilization").withAverageUtilization(policy.targetCpuPercent()).endTarget()
                .endResource().endMetric()
                .withNewBehavior()
                .withScaleUp(new HPAScalingRulesBuilder().withStabilizationWindowSeconds(seconds(policy.scaleUpWindow())).build())
                .withScaleDown(new HPAScalingRulesBuilder().withStabilizationWindowSeconds(seconds(policy.scaleDownWindow())).build())
                .endBehavior()
                .endSpec().build();
    }

    /** The policy an autoscaler Capstan made holds; empty for one it did not make or cannot read. */
    static Optional<AutoscalePolicy> policy(HorizontalPodAutoscaler hpa) {
        var spec = hpa.getSpec();
        if (spec == null || spec.getMetrics() == null || hpa.getMetadata().getLabels() == null
                || !hpa.getMetadata().getName().equals(hpa.getMetadata().getLabels().get(WorkloadManifest.WORKLOAD))) {
            return Optional.empty();
        }
        Integer target = spec.getMetrics().stream().map(MetricSpec::getResource)
                .filter(r -> r != null && CPU.equals(r.getName()) && r.getTarget() != null)
                .map(r -> r.getTarget().getAverageUtilization()).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        if (target == null) {
            return Optional.empty();
        }
        var behavior = spec.getBehavior();
        return Optional.of(new AutoscalePolicy(spec.getMinReplicas() == null ? 1 : spec.getMinReplicas(),
                spec.getMaxReplicas(), target,
                window(behavior == null || behavior.getScaleUp() == null ? null
                        : behavior.getScaleUp().getStabilizationWindowSeconds()),
                window(behavior == null || behavior.getScaleDown() == null ? null
                        : behavior.getScaleDown().getStabilizationWindowSeconds())));
    }

    /** True when Capstan gave the workload an autoscaler. */
    static boolean marked(Controller c) {
        return c.annotations().containsKey(MARK);
    }

    private static int seconds(Duration window) {
        // Kubernetes takes at most an hour
        return (int) Math.min(window.toSeconds(), 3600);
    }

    private static Duration window(Integer seconds) {
        return seconds == null ? Duration.ZERO : Duration.ofSeconds(seconds);
    }
}
