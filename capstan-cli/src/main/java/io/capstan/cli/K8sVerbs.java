package io.capstan.cli;

import io.capstan.orchestration.KubernetesOrchestration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The get, ls and rm commands every kind of Kubernetes object has: the same options and output, only the call and
 * the table differ. Each kind's command extends these and keeps its own name, help and examples.
 */
final class K8sVerbs {
    private K8sVerbs() {
    }

    /** How one kind of object is shown as a table row. */
    record Rows<T>(List<String> headers, Function<T, List<Object>> row) {
    }

    abstract static class Get<T> implements Runnable {
        private final Cli cli;
        private final Rows<T> rows;
        private final BiFunction<KubernetesOrchestration, String, T> fetch;
        @Mixin
        KubeOptions kube;
        @Mixin
        KubeFormat format;
        @Parameters(paramLabel = "NAME")
        String name;

        Get(Cli cli, Rows<T> rows, BiFunction<KubernetesOrchestration, String, T> fetch) {
            this.cli = cli;
            this.rows = rows;
            this.fetch = fetch;
        }

        @Override
        public void run() {
            try (var k8s = kube.connect()) {
                format.printOne(cli, fetch.apply(k8s, name), rows.headers(), rows.row());
            }
        }
    }

    abstract static class Ls<T> implements Runnable {
        private final Cli cli;
        private final Rows<T> rows;
        private final Function<KubernetesOrchestration, List<T>> fetch;
        @Mixin
        KubeOptions kube;
        @Mixin
        KubeFormat format;

        Ls(Cli cli, Rows<T> rows, Function<KubernetesOrchestration, List<T>> fetch) {
            this.cli = cli;
            this.rows = rows;
            this.fetch = fetch;
        }

        @Override
        public void run() {
            try (var k8s = kube.connect()) {
                format.printList(cli, fetch.apply(k8s), rows.headers(), rows.row());
            }
        }
    }

    abstract static class Rm implements Runnable {
        private final Cli cli;
        private final String kind;
        private final BiConsumer<KubernetesOrchestration, String> delete;
        @Mixin
        KubeOptions kube;
        @Parameters(paramLabel = "NAME", arity = "1..*")
        List<String> names;

        Rm(Cli cli, String kind, BiConsumer<KubernetesOrchestration, String> delete) {
            this.cli = cli;
            this.kind = kind;
            this.delete = delete;
        }

        @Override
        public void run() {
            try (var k8s = kube.connect()) {
                for (String name : names) {
                    delete.accept(k8s, name);
                    cli.out().println(kind + " " + name + " deleted");
                }
            }
        }
    }
}
