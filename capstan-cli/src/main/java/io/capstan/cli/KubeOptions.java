package io.capstan.cli;

import io.capstan.kubernetes.KubeAccess;
import io.capstan.kubernetes.KubernetesClusters;
import io.capstan.orchestration.KubernetesOrchestration;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --kubeconfig}, {@code --context} and {@code -n}: which cluster and namespace a {@code capstan k8s} command acts on. */
final class KubeOptions {
    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "The kubeconfig file (default: KUBECONFIG, else ~/.kube/config, else the pod's service "
                    + "account when run inside a cluster).")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "CONTEXT", description = "The kubeconfig context (default: its current one).")
    String context;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NAMESPACE",
            description = "The namespace (default: the context's, else 'default').")
    String namespace;

    /** The cluster and namespace these options name. */
    KubeAccess access() {
        return new KubeAccess(kubeconfig, context, namespace);
    }

    /** True when one of the options was given. */
    boolean given() {
        return kubeconfig != null || context != null || namespace != null;
    }

    KubernetesOrchestration connect() {
        return KubernetesClusters.connect(new KubeAccess(kubeconfig, context, namespace));
    }
}
