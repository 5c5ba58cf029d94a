import io.capstan.core.engine.Engines;
import io.capstan.kubernetes.KubeAccess;
import io.capstan.kubernetes.KubernetesClusters;
import io.capstan.orchestration.ContainerPort;
import io.capstan.orchestration.DockerContainer;
import io.capstan.orchestration.DockerIntegration;
import io.capstan.orchestration.KubernetesDeployment;
import io.capstan.orchestration.KubernetesOrchestration;
import io.capstan.orchestration.KubernetesService;
import io.capstan.orchestration.ServicePort;
import io.capstan.orchestration.ServiceType;
import io.capstan.orchestration.engine.EngineDockerIntegration;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The two usage examples of Capstan's orchestration API, step by step: a container built, run, listed, stopped and
 * removed on the engine; a namespace, deployment and service created, listed, scaled and deleted on a cluster.
 *
 * <pre>
 *   java -cp "capstan-cli/target/capstan.jar:capstan-cli/target/lib/*" examples/orchestration/SeedExamples.java docker
 *   java -cp "capstan-cli/target/capstan.jar:capstan-cli/target/lib/*" examples/orchestration/SeedExamples.java \
 *       kubernetes ~/.kube/config [CONTEXT]
 * </pre>
 */
public final class SeedExamples {
    private SeedExamples() {
    }

    public static void main(String[] args) {
        run(args, System.out);
    }

    /** {@code docker [APP_DIR [NAME]]} or {@code kubernetes [KUBECONFIG [CONTEXT]]}. */
    public static void run(String[] args, PrintStream out) {
        String which = args.length > 0 ? args[0] : "";
        switch (which) {
            case "docker" -> {
                Path app = Path.of(args.length > 1 ? args[1] : "examples/orchestration/app");
                try (var engine = Engines.discover().locate(null)) {
                    docker(new EngineDockerIntegration(engine), app, args.length > 2 ? args[2] : "toronto-ai", out);
                }
            }
            case "kubernetes" -> {
                Path kubeconfig = args.length > 1 ? Path.of(args[1].replaceFirst("^~", System.getProperty("user.home")))
                        : null;
                try (var k8s = KubernetesClusters.connect(new KubeAccess(kubeconfig, args.length > 2 ? args[2] : null,
                        null))) {
                    kubernetes(k8s, out);
                }
            }
            default -> throw new IllegalArgumentException("usage: SeedExamples docker [APP_DIR [NAME]] | kubernetes "
                    + "[KUBECONFIG [CONTEXT]]");
        }
    }

    /** The Docker example; {@code name} names the image ({@code NAME:latest}) and the container ({@code NAME-app}). */
    public static void docker(DockerIntegration docker, Path app, String name, PrintStream out) {
        // Build a Docker image
        var image = docker.buildImage(app, name + ":latest", "Dockerfile");
        out.println("Image: " + image.reference() + ", Size: " + image.size());

        // Create a Docker container
        DockerContainer container = docker.createContainer(name + ":latest", name + "-app", Map.of("8080/tcp", 0),
                Map.of("NODE_ENV", "production"));

        // Start the container
        container = docker.startContainer(container);

        // List all containers
        for (DockerContainer c : docker.listContainers()) {
            if (c.name().startsWith(name)) {
                out.println("Container: " + c.name() + ", Status: " + c.status());
            }
        }

        // Stop the container
        container = docker.stopContainer(container);
        out.println("Container: " + container.name() + ", Status: " + container.status());

        // Remove the container
        docker.removeContainer(container);
        out.println("Removed: " + container.name());
    }

    /** The Kubernetes example, as its users wrote it. */
    public static void kubernetes(KubernetesOrchestration k8s, PrintStream out) {
        // Create a namespace
        var namespace = k8s.createNamespace("toronto-ai");
        out.println("Namespace: " + namespace.name());

        // Create a deployment
        KubernetesDeployment deployment = k8s.createDeployment("toronto-ai-app", "toronto-ai", "toronto-ai:latest", 3,
                List.of(ContainerPort.tcp(8080)), Map.of("NODE_ENV", "production"));

        // Create a service
        k8s.createService("toronto-ai-service", "toronto-ai", Map.of("app", "toronto-ai-app"),
                List.of(new ServicePort(80, 8080)), ServiceType.LOAD_BALANCER);

        // List all deployments
        for (KubernetesDeployment d : k8s.listDeployments("toronto-ai")) {
            out.println("Deployment: " + d.name() + ", Replicas: " + d.replicas());
        }

        // List all services
        for (KubernetesService s : k8s.listServices("toronto-ai")) {
            out.println("Service: " + s.name() + ", Type: " + s.serviceType());
        }

        // Update the deployment
        KubernetesDeployment updated = k8s.updateDeployment(deployment.withReplicas(5));
        out.println("Deployment: " + updated.name() + ", Replicas: " + updated.replicas());

        // Delete the service, the deployment and the namespace
        k8s.deleteService("toronto-ai-service", "toronto-ai");
        k8s.deleteDeployment("toronto-ai-app", "toronto-ai");
        k8s.deleteNamespace("toronto-ai");
        out.println("Deleted: toronto-ai");
    }
}
