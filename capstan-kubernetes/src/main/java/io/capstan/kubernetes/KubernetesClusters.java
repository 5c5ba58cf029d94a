package io.capstan.kubernetes;

import io.capstan.core.error.InvalidSpecException;
import io.capstan.core.workload.WorkloadTarget;
import io.capstan.kubernetes.workload.KubernetesTarget;
import io.capstan.orchestration.KubernetesOrchestration;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.nio.file.Files;

/** Connects the orchestration API to a cluster. */
public final class KubernetesClusters {
    private KubernetesClusters() {
    }

    /** A client of the cluster {@code access} names; nothing is asked of the cluster until the first call. */
    public static KubernetesOrchestration connect(KubeAccess access) {
        return over(client(access));
    }

    /** Workloads ({@link KubernetesTarget}) in the namespace {@code access} names. */
    public static WorkloadTarget workloads(KubeAccess access) {
        return new KubernetesTarget(client(access), null);
    }

    /** A fabric8 client of the cluster {@code access} names, for the other classes of this module. */
    public static KubernetesClient client(KubeAccess access) {
        Config config = config(access);
        config.setRequestRetryBackoffLimit(1);
        if (access.namespace() != null && !access.namespace().isBlank()) {
            Names.check("namespace", access.namespace());
            config.setNamespace(access.namespace());
        }
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /** The API over a client someone else configured (a test's mock server, say); closing the API closes it. */
    static KubernetesOrchestration over(KubernetesClient client) {
        return new FabricKubernetesOrchestration(client);
    }

    private static Config config(KubeAccess access) {
        String context = access.context() == null || access.context().isBlank() ? null : access.context();
        try {
            if (access.kubeconfig() == null) {
                Config config = Config.autoConfigure(context);
                checkContext(config, context, "the kubeconfig");
                return config;
            }
            if (!Files.isRegularFile(access.kubeconfig())) {
                throw new InvalidSpecException("kubeconfig '" + access.kubeconfig() + "' not found: expected a file "
                        + "such as ~/.kube/config");
            }
            Config config = Config.fromKubeconfig(context, access.kubeconfig().toFile());
            checkContext(config, context, "kubeconfig '" + access.kubeconfig() + "'");
            return config;
        } catch (KubernetesClientException e) {
            throw new InvalidSpecException("cannot read " + (access.kubeconfig() == null ? "the kubeconfig"
                    : "kubeconfig '" + access.kubeconfig() + "'") + ": " + e.getMessage(), e);
        }
    }

    private static void checkContext(Config config, String context, String where) {
        if (context != null && (config.getCurrentContext() == null
                || !context.equals(config.getCurrentContext().getName()))) {
            throw new InvalidSpecException("context '" + context + "' not found in " + where + ": expected one of "
                    + config.getContexts().stream().map(c -> c.getName()).sorted().toList());
        }
    }
}
