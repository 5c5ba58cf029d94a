package io.capstan.cli;

import io.capstan.orchestration.KubernetesPod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

/** {@code capstan k8s pods}. */
@Command(name = "pods", aliases = "po", description = "Create, list, change, read the logs of and delete pods.",
        footer = {"", "Examples:", "  capstan k8s pods create -n shop --image busybox:1.36 -e MODE=batch worker",
                "  capstan k8s pods ls -n shop", "  capstan k8s pods logs -n shop --tail 20 worker",
                "  capstan k8s pods rm -n shop worker"},
        subcommands = {K8sPods.Create.class, K8sPods.Get.class, K8sPods.Ls.class, K8sPods.Update.class,
                K8sPods.Logs.class, K8sPods.Rm.class})
final class K8sPods {
    private static final K8sVerbs.Rows<KubernetesPod> ROWS = new K8sVerbs.Rows<>(
            List.of("NAME", "NAMESPACE", "STATUS", "IMAGE", "PORTS"),
            K8sPods::row);

    private static List<Object> row(KubernetesPod p) {
        return List.of(p.name(), p.namespace(), p.status(), p.image(), KubeCells.joined(p.ports()));
    }

    @Command(name = "create", description = "Create a pod of one container.",
            footer = {"", "Example:", "  capstan k8s pods create -n shop --image busybox:1.36 -p 9000 worker"})
    static final class Create implements Runnable {
        private final Cli cli;
        @Mixin
        KubeOptions kube;
        @Option(names = "--image", paramLabel = "IMAGE", required = true, description = "The container's image.")
        String image;
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
            var listened = K8sDeployments.ports(ports);
            var variables = EnvAssignments.parse(env, System.getenv());
            try (var k8s = kube.connect()) {
                var p = k8s.createPod(name, null, image, listened, variables);
                cli.out().println("pod " + p.namespace() + "/" + p.name() + " created");
            }
        }
    }

    @Command(name = "get", description = "Show one pod.",
            footer = {"", "Example:", "  capstan k8s pods get -n shop --format yaml worker"})
    static final class Get extends K8sVerbs.Get<KubernetesPod> {
        Get(Cli cli) {
            super(cli, ROWS, (k8s, name) -> k8s.getPod(name, null));
        }
    }

    @Command(name = "ls", aliases = "list", description = "List the namespace's pods.",
            footer = {"", "Example:", "  capstan k8s pods ls -n shop"})
    static final class Ls extends K8sVerbs.Ls<KubernetesPod> {
        Ls(Cli cli) {
            super(cli, ROWS, k8s -> k8s.listPods(null));
        }
    }

    @Command(name = "update", description = "Change a pod's image (the one thing Kubernetes changes in a running pod).",
            footer = {"", "Example:", "  capstan k8s pods update -n shop --image busybox:1.37 worker"})
    static final class Update implements Runnable {
        private final Cli cli;
        @Mixin
        KubeOptions kube;
        @Option(names = "--image", paramLabel = "IMAGE", required = true, description = "The new image.")
        String image;
        @Parameters(paramLabel = "NAME")
        String name;

        Update(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            try (var k8s = kube.connect()) {
                var p = k8s.updatePod(name, null, image);
                cli.out().println("pod " + p.namespace() + "/" + p.name() + " updated");
            }
        }
    }

    @Command(name = "logs", description = "Print a pod's log.",
            footer = {"", "Example:", "  capstan k8s pods logs -n shop --tail 20 worker"})
    static final class Logs implements Runnable {
        private final Cli cli;
        @Mixin
        KubeOptions kube;
        @Option(names = "--tail", paramLabel = "LINES", defaultValue = "0",
                description = "Only the last LINES lines (default: all).")
        int tail;
        @Parameters(paramLabel = "NAME")
        String name;

        Logs(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            try (var k8s = kube.connect()) {
                cli.out().print(k8s.podLog(name, null, tail));
                cli.out().flush();
            }
        }
    }

    @Command(name = "rm", aliases = "delete", description = "Delete pods.",
            footer = {"", "Example:", "  capstan k8s pods rm -n shop worker"})
    static final class Rm extends K8sVerbs.Rm {
        Rm(Cli cli) {
            super(cli, "pod", (k8s, name) -> k8s.deletePod(name, null));
        }
    }
}
