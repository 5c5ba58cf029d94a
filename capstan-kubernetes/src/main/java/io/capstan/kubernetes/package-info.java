/**
 * Kubernetes through the fabric8 client: {@link io.capstan.kubernetes.KubernetesClusters#connect} gives the
 * orchestration API's {@link io.capstan.orchestration.KubernetesOrchestration}. No fabric8 type leaves this module.
 */
package io.capstan.kubernetes;
