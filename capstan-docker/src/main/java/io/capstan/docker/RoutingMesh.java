package io.capstan.docker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Swarm's routing mesh (ingress-published ports) and service virtual IPs need the kernel's IPVS. Without it they
 * never answer, while DNS round robin endpoints and host-mode ports work.
 */
public final class RoutingMesh {
    private static final Path IPVS = Path.of("/proc/sys/net/ipv4/vs");

    private RoutingMesh() {
    }

    /**
     * A warning when the engine at {@code endpoint} runs on this machine (a unix socket) and this kernel has no
     * IPVS; empty otherwise (an engine elsewhere cannot be checked from here).
     */
    public static Optional<String> warning(String endpoint) {
        if (endpoint == null || !endpoint.startsWith("unix://") || Files.isDirectory(IPVS)) {
            return Optional.empty();
        }
        return Optional.of("this machine's kernel has no IPVS (" + IPVS + " is missing): Swarm's routing mesh and "
                + "virtual IPs do not work here; publish ports in host mode (8080:80@host) and use --endpoint-mode dnsrr");
    }
}
