package io.capstan.cli;

import io.capstan.core.label.Labels;
import io.capstan.orchestration.KubernetesService;
import io.capstan.orchestration.ServicePort;
import io.capstan.orchestration.ServiceType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code capstan k8s services}. */
@Command(name = "services", aliases = "svc", description = "Create, list, change and delete services of any type.",
        footer = {"", "Examples:",
                "  capstan k8s services create -n shop -p 80:8080 web",
                "  capstan k8s services create -n shop --type NodePort -p 80:8080:30080 web-node",
                "  capstan k8s services create -n shop --type LoadBalancer --selector app=web -p 443:8443 web-lb",
                "  capstan k8s services create -n shop --type ExternalName --external-name db.example.com db",
                "  capstan k8s services ls -n shop"},
        subcommands = {K8sServices.Create.class, K8sServices.Get.class, K8sServices.Ls.class, K8sServices.Update.class,
                K8sServices.Rm.class})
final class K8sServices {
    private static final K8sVerbs.Rows<KubernetesService> ROWS = new K8sVerbs.Rows<>(
            List.of("NAME", "NAMESPACE", "TYPE", "SELECTOR", "PORTS", "EXTERNAL NAME"),
            K8sServices::row);

    private static List<Object> row(KubernetesService s) {
        return List.of(s.name(), s.namespace(), s.serviceType(), KubeCells.pairs(s.selector()), KubeCells.joined(s.ports()),
                KubeCells.orDash(s.externalName()));
    }

    private static List<ServicePort> ports(List<String> texts) {
        return texts.stream().map(ServicePort::parse).toList();
    }

    @Command(name = "create", description = "Create a service (its selector defaults to app=NAME, as a deployment's "
            + "pods are labelled).",
            footer = {"", "Examples:", "  capstan k8s services create -n shop --type LoadBalancer -p 80:8080 web",
                    "  capstan k8s services create -n shop --type ExternalName --external-name db.example.com db"})
    static final class Create implements Runnable {
        private final Cli cli;
        @Mixin
        KubeOptions kube;
        @Option(names = "--type", paramLabel = "TYPE", defaultValue = "ClusterIP",
                description = "ClusterIP, NodePort, LoadBalancer or ExternalName (default: ${DEFAULT-VALUE}).")
        String type;
        @Option(names = "--selector", paramLabel = "KEY=VALUE", description = "A label the service's pods carry.")
        Map<String, String> selector = new LinkedHashMap<>();
        @Option(names = {"-p", "--port"}, paramLabel = "PORT[:TARGET[:NODE_PORT]][/PROTOCOL]",
                description = "A port of the service and the pods' port it forwards to.")
        List<String> ports = List.of();
        @Option(names = "--external-name", paramLabel = "DNS_NAME", description = "What an ExternalName service stands for.")
        String externalName;
        @Parameters(paramLabel = "NAME")
        String name;

        Create(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            ServiceType serviceType = ServiceType.of(type);
            Map<String, String> pods = selector.isEmpty() && serviceType != ServiceType.EXTERNAL_NAME
                    ? Map.of(Labels.APP, name) : selector;
            var wanted = new KubernetesService(name, null, pods, ports(ports), serviceType, externalName);
            try (var k8s = kube.connect()) {
                var s = k8s.createService(wanted);
                cli.out().println("service " + s.namespace() + "/" + s.name() + " created");
            }
        }
    }

    @Command(name = "get", description = "Show one service.",
            footer = {"", "Example:", "  capstan k8s services get -n shop --format json web"})
    static final class Get extends K8sVerbs.Get<KubernetesService> {
        Get(Cli cli) {
            super(cli, ROWS, (k8s, name) -> k8s.getService(name, null));
        }
    }

    @Command(name = "ls", aliases = "list", description = "List the namespace's services.",
            footer = {"", "Example:", "  capstan k8s services ls -n shop"})
    static final class Ls extends K8sVerbs.Ls<KubernetesService> {
        Ls(Cli cli) {
            super(cli, ROWS, k8s -> k8s.listServices(null));
        }
    }

    @Command(name = "update", description = "Change a service's type, selector, ports or external name.",
            footer = {"", "Examples:", "  capstan k8s services update -n shop --type NodePort web",
                    "  capstan k8s services update -n shop -p 80:8081 -p 443:8443 web"})
    static final class Update implements Runnable {
        private final Cli cli;
        @Mixin
        KubeOptions kube;
        @Option(names = "--type", paramLabel = "TYPE", description = "ClusterIP, NodePort, LoadBalancer or ExternalName.")
        String type;
        @Option(names = "--selector", paramLabel = "KEY=VALUE",
                description = "The selector (all of it: it replaces the current one).")
        Map<String, String> selector;
        @Option(names = {"-p", "--port"}, paramLabel = "PORT[:TARGET[:NODE_PORT]][/PROTOCOL]",
                description = "The ports (all of them: they replace the current ones).")
        List<String> ports;
        @Option(names = "--external-name", paramLabel = "DNS_NAME", description = "What an ExternalName service stands for.")
        String externalName;
        @Parameters(paramLabel = "NAME")
        String name;

        Update(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            ServiceType serviceType = type == null ? null : ServiceType.of(type);
            List<ServicePort> newPorts = ports == null ? null : ports(ports);
            try (var k8s = kube.connect()) {
                KubernetesService s = k8s.getService(name, null);
                ServiceType to = serviceType == null ? s.serviceType() : serviceType;
                boolean external = to == ServiceType.EXTERNAL_NAME;
                var wanted = new KubernetesService(s.name(), s.namespace(),
                        selector != null ? selector : external ? Map.of() : s.selector(),
                        newPorts != null ? newPorts : external ? List.of() : kept(s.ports(), to), to,
                        external ? (externalName != null ? externalName : s.externalName()) : externalName);
                var updated = k8s.updateService(wanted);
                cli.out().println("service " + updated.namespace() + "/" + updated.name() + " updated");
            }
        }
    }

    /** The current ports under a new type: node ports go when the type has none. */
    private static List<ServicePort> kept(List<ServicePort> ports, ServiceType type) {
        boolean nodePorts = type == ServiceType.NODE_PORT || type == ServiceType.LOAD_BALANCER;
        return nodePorts ? ports : ports.stream()
                .map(p -> new ServicePort(p.port(), p.targetPort(), p.protocol(), 0)).toList();
    }

    @Command(name = "rm", aliases = "delete", description = "Delete services.",
            footer = {"", "Example:", "  capstan k8s services rm -n shop web"})
    static final class Rm extends K8sVerbs.Rm {
        Rm(Cli cli) {
            super(cli, "service", (k8s, name) -> k8s.deleteService(name, null));
        }
    }
}
