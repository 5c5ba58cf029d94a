package io.capstan.cli;

import picocli.CommandLine.Command;

/** {@code capstan k8s}: namespaces, deployments, services and pods of a Kubernetes cluster. */
@Command(name = "k8s", description = "Manage a Kubernetes cluster's namespaces, deployments, services and pods.",
        footer = {"", "Every command takes --kubeconfig FILE, --context NAME and -n NAMESPACE; lists take --format "
                + "table|json|yaml.", "", "Examples:",
                "  capstan k8s namespaces create toronto-ai",
                "  capstan k8s deployments create -n toronto-ai --image toronto-ai:latest --replicas 3 -p 8080 app",
                "  capstan k8s services create -n toronto-ai --type LoadBalancer --selector app=app -p 80:8080 web",
                "  capstan k8s deployments scale -n toronto-ai app 5",
                "  capstan k8s pods ls -n toronto-ai --format yaml"},
        subcommands = {K8sNamespaces.class, K8sDeployments.class, K8sServices.class, K8sPods.class})
final class K8sCommand {
}
