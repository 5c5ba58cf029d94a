package io.capstan.cli;

import io.capstan.orchestration.ContainerPort;
import io.capstan.orchestration.KubernetesDeployment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Map;

/** {@code capstan k8s deployments}. */
@Command(name = "deployments", aliases = "deploy", description = "Create, list, change, scale and delete deployments.",
        footer = {"", "Examples:",
                "  capstan k8s deployments create -n shop --image nginx:1.27 --replicas 3 -p 80 -e MODE=prod web",
                "  capstan k8s deployments ls -n shop",
                "  capstan k8s deployments scale -n shop web 5",
                "  capstan k8s deployments update -n shop --image nginx:1.28 web",
                "  capstan k8s deployments rm -n shop web"},
        subcommands = {K8sDeployments.Create.class, K8sDeployments.Get.class, K8sDeployments.Ls.class,
                K8sDeployments.Update.class, K8sDeployments.Scale.class, K8sDeployments.Rm.class})
final class K8sDeployments {
    private static final K8sVerbs.Rows<KubernetesDeployment> ROWS = new K8sVerbs.Rows<>(
            List.of("NAME", "NAMESPACE", "REPLICAS", "IMAGE", "PORTS"),
            K8sDeployments::row);

    private static List<Object> row(KubernetesDeployment d) {
        return List.of(d.name(), d.namespace(), d.replicas(), d.image(), KubeCells.joined(d.ports()));
    }

    static List<ContainerPort> ports(List<String> texts) {
        return texts.stream().map(ContainerPort::parse).toList();
    }

    @Command(name = "create", description = "Create a deployment of one container; its pods are labelled app=NAME.",
            footer = {"", "Example:",
                    "  capstan k8s deployments create -n shop --image nginx:1.27 --replicas 3 -p 80 -e MODE=prod web"})
    static final class Create implements Runnable {
        private final Cli cli;
        @Mixin
        KubeOptions kube;
        @Option(names = "--image", paramLabel = "IMAGE", required = true, description = "The container's image.")
        String image;
        @Option(names = "--replicas", paramLabel = "N", defaultValue = "1", description = "How many pods (default: 1).")
        int replicas;
        @Option(names = {"-p", "--port"}, paramLabel = "PORT[/PROTOCOL]", description = "A port the container listens on.")
        List<String> ports = List.of();
        @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE", description = "An environment variable.")
        List<String> env = List.of();
        @Parameters(paramLabel = "NAME")
        String name;

        Create(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            List<ContainerPort> listened = ports(ports);
            Map<String, String> variables = EnvAssignments.parse(env, System.getenv());
            try (var k8s = kube.connect()) {
                var d = k8s.createDeployment(name, null, image, replicas, listened, variables);
                cli.out().println("deployment " + d.namespace() + "/" + d.name() + " created");
            }
        }
    }

    @Command(name = "get", description = "Show one deployment.",
            footer = {"", "Example:", "  capstan k8s deployments get -n shop --format yaml web"})
    static final class Get extends K8sVerbs.Get<KubernetesDeployment> {
        Get(Cli cli) {
            super(cli, ROWS, (k8s, name) -> k8s.getDeployment(name, null));
        }
    }

    @Command(name = "ls", aliases = "list", description = "List the namespace's deployments.",
            footer = {"", "Example:", "  capstan k8s deployments ls -n shop --format json"})
    static final class Ls extends K8sVerbs.Ls<KubernetesDeployment> {
        Ls(Cli cli) {
            super(cli, ROWS, k8s -> k8s.listDeployments(null));
        }
    }

    @Command(name = "update", description = "Change a deployment: a new image, ports or environment roll its pods; "
            + "--replicas alone only scales it.",
            footer = {"", "Examples:", "  capstan k8s deployments update -n shop --image nginx:1.28 web",
                    "  capstan k8s deployments update -n shop --replicas 5 web"})
    static final class Update implements Runnable {
        private final Cli cli;
        @Mixin
        KubeOptions kube;
        @Option(names = "--image", paramLabel = "IMAGE", description = "The new image.")
        String image;
        @Option(names = "--replicas", paramLabel = "N", description = "The new number of pods.")
        Integer replicas;
        @Option(names = {"-p", "--port"}, paramLabel = "PORT[/PROTOCOL]",
                description = "The ports the container listens on (all of them: they replace the current ones).")
        List<String> ports;
        @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE",
                description = "The environment (all of it: it replaces the current one).")
        List<String> env;
        @Parameters(paramLabel = "NAME")
        String name;

        Update(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            List<ContainerPort> listened = ports == null ? null : ports(ports);
            Map<String, String> variables = env == null ? null : EnvAssignments.parse(env, System.getenv());
            try (var k8s = kube.connect()) {
                KubernetesDeployment d = k8s.getDeployment(name, null);
                d = image == null ? d : d.withImage(image);
                d = replicas == null ? d : d.withReplicas(replicas);
                d = listened == null ? d : d.withPorts(listened);
                d = variables == null ? d : d.withEnvironment(variables);
                d = k8s.updateDeployment(d);
                cli.out().println("deployment " + d.namespace() + "/" + d.name() + " updated");
            }
        }
    }

    @Command(name = "scale", description = "Set a deployment's number of pods (its pods are not replaced).",
            footer = {"", "Example:", "  capstan k8s deployments scale -n shop web 5"})
    static final class Scale implements Runnable {
        private final Cli cli;
        @Mixin
        KubeOptions kube;
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Parameters(index = "1", paramLabel = "REPLICAS")
        int replicas;

        Scale(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            try (var k8s = kube.connect()) {
                var d = k8s.scaleDeployment(name, null, replicas);
                cli.out().println("deployment " + d.namespace() + "/" + d.name() + " scaled to " + d.replicas());
            }
        }
    }

    @Command(name = "rm", aliases = "delete", description = "Delete deployments (and so their pods).",
            footer = {"", "Example:", "  capstan k8s deployments rm -n shop web"})
    static final class Rm extends K8sVerbs.Rm {
        Rm(Cli cli) {
            super(cli, "deployment", (k8s, name) -> k8s.deleteDeployment(name, null));
        }
    }
}
