package io.capstan.kubernetes;

import java.nio.file.Path;

/**
 * How to reach a cluster.
 *
 * @param kubeconfig the kubeconfig file; null for the usual search: {@code KUBECONFIG}, {@code ~/.kube/config}, then
 *                   the service account of a pod (in-cluster)
 * @param context    the kubeconfig context to use; null for its current one
 * @param namespace  the default namespace; null for the context's (else {@code default})
 */
public record KubeAccess(Path kubeconfig, String context, String namespace) {
    public static final KubeAccess DEFAULT = new KubeAccess(null, null, null);
}
