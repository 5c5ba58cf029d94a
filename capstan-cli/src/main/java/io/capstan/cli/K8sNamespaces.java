package io.capstan.cli;

import io.capstan.orchestration.KubernetesNamespace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code capstan k8s namespaces}. */
@Command(name = "namespaces", aliases = "ns", description = "Create, list, label and delete namespaces.",
        footer = {"", "Examples:", "  capstan k8s namespaces create toronto-ai", "  capstan k8s namespaces ls",
                "  capstan k8s namespaces update --label team=ai toronto-ai", "  capstan k8s namespaces rm toronto-ai"},
        subcommands = {K8sNamespaces.Create.class, K8sNamespaces.Get.class, K8sNamespaces.Ls.class,
                K8sNamespaces.Update.class, K8sNamespaces.Rm.class})
final class K8sNamespaces {
    private static final K8sVerbs.Rows<KubernetesNamespace> ROWS = new K8sVerbs.Rows<>(
            List.of("NAME", "STATUS", "AGE", "LABELS"),
            K8sNamespaces::row);

    private static List<Object> row(KubernetesNamespace n) {
        return List.of(n.name(), n.status(), KubeCells.age(n.created()), KubeCells.pairs(n.labels()));
    }

    @Command(name = "create", description = "Create a namespace.",
            footer = {"", "Example:", "  capstan k8s namespaces create --label team=ai toronto-ai"})
    static final class Create implements Runnable {
        private final Cli cli;
        @Mixin
        KubeOptions kube;
        @Option(names = {"-l", "--label"}, paramLabel = "KEY=VALUE", description = "A label to give it.")
        Map<String, String> labels = new LinkedHashMap<>();
        @Parameters(paramLabel = "NAME")
        String name;

        Create(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            try (var k8s = kube.connect()) {
                k8s.createNamespace(name, labels);
            }
            cli.out().println("namespace " + name + " created");
        }
    }

    @Command(name = "get", description = "Show one namespace.",
            footer = {"", "Example:", "  capstan k8s namespaces get --format yaml toronto-ai"})
    static final class Get extends K8sVerbs.Get<KubernetesNamespace> {
        Get(Cli cli) {
            super(cli, ROWS, (k8s, name) -> k8s.getNamespace(name));
        }
    }

    @Command(name = "ls", aliases = "list", description = "List the namespaces.",
            footer = {"", "Example:", "  capstan k8s namespaces ls --format json"})
    static final class Ls extends K8sVerbs.Ls<KubernetesNamespace> {
        Ls(Cli cli) {
            super(cli, ROWS, k8s -> k8s.listNamespaces());
        }
    }

    @Command(name = "update", description = "Set a namespace's labels (those not given are removed).",
            footer = {"", "Example:", "  capstan k8s namespaces update --label team=ai --label tier=prod toronto-ai"})
    static final class Update implements Runnable {
        private final Cli cli;
        @Mixin
        KubeOptions kube;
        @Option(names = {"-l", "--label"}, paramLabel = "KEY=VALUE", description = "A label it should have.")
        Map<String, String> labels = new LinkedHashMap<>();
        @Parameters(paramLabel = "NAME")
        String name;

        Update(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            try (var k8s = kube.connect()) {
                k8s.updateNamespace(name, labels);
            }
            cli.out().println("namespace " + name + " updated");
        }
    }

    @Command(name = "rm", aliases = "delete", description = "Delete namespaces and everything in them.",
            footer = {"", "Example:", "  capstan k8s namespaces rm toronto-ai"})
    static final class Rm extends K8sVerbs.Rm {
        Rm(Cli cli) {
            super(cli, "namespace", (k8s, name) -> k8s.deleteNamespace(name));
        }
    }
}
