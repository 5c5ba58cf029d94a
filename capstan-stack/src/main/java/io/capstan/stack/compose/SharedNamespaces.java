package io.capstan.stack.compose;

import io.capstan.core.error.ConfigException;
import io.capstan.core.spec.ContainerSettings;
import io.capstan.stack.compose.ComposeProject.Service;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * {@code pid: service:NAME} and {@code ipc: service:NAME}: the named service must exist and is started first (as for
 * {@code network_mode: service:NAME}, see {@link Service#namespaceServices()}), and a service whose IPC namespace is joined must make it shareable, which the
 * engine requires (else the joining container fails to start).
 */
final class SharedNamespaces {
    private SharedNamespaces() {
    }

    /** The services whose namespaces a service joins: its {@code network_mode} service, then pid's and ipc's. */
    static Set<String> joined(String networkService, ContainerSettings settings) {
        Set<String> services = new LinkedHashSet<>();
        if (networkService != null) {
            services.add(networkService);
        }
        for (String mode : List.of(String.valueOf(settings.process().pid()), String.valueOf(settings.process().ipc()))) {
            if (mode.startsWith("service:")) {
                services.add(mode.substring("service:".length()));
            }
        }
        return services;
    }

    /** Checks every service's {@code pid} and {@code ipc} modes that name a service. */
    static void check(Map<String, Service> services, UnaryOperator<String> where) {
        services.values().forEach(s -> {
            check(s, "pid", s.settings().process().pid(), services, where);
            check(s, "ipc", s.settings().process().ipc(), services, where);
        });
    }

    private static void check(Service s, String key, String mode, Map<String, Service> services, UnaryOperator<String> where) {
        if (mode == null || !mode.startsWith("service:")) {
            return;
        }
        String at = "services." + s.name() + "." + key;
        String target = mode.substring("service:".length());
        if (target.equals(s.name()) || !services.containsKey(target)) {
            throw new ConfigException(where.apply(at) + "service '" + s.name() + "' has " + key + " '" + mode + "', but '"
                    + target + "' is " + (target.equals(s.name()) ? "the service itself" : "not a service of this stack"));
        }
        if (key.equals("ipc") && !"shareable".equals(services.get(target).settings().process().ipc())) {
            throw new ConfigException(where.apply(at) + "service '" + s.name() + "' joins the IPC namespace of '" + target
                    + "', which the engine shares only when '" + target + "' sets ipc: shareable");
        }
    }
}
