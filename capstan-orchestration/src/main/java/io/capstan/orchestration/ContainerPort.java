package io.capstan.orchestration;

import io.capstan.core.error.InvalidSpecException;

import java.util.Locale;
import java.util.Set;

/**
 * A port a pod's container listens on ({@code containerPort} in a pod template).
 *
 * @param protocol {@code TCP} (the default), {@code UDP} or {@code SCTP}
 */
public record ContainerPort(int containerPort, String protocol) {
    private static final Set<String> PROTOCOLS = Set.of("TCP", "UDP", "SCTP");

    public ContainerPort {
        protocol = protocol == null || protocol.isBlank() ? "TCP" : protocol.toUpperCase(Locale.ROOT);
        if (containerPort < 1 || containerPort > 65535) {
            throw new InvalidSpecException("invalid container port " + containerPort + ": expected 1-65535");
        }
        if (!PROTOCOLS.contains(protocol)) {
            throw new InvalidSpecException("invalid protocol '" + protocol + "' of port " + containerPort
                    + ": expected TCP, UDP or SCTP");
        }
    }

    public static ContainerPort tcp(int containerPort) {
        return new ContainerPort(containerPort, "TCP");
    }

    /** {@code 8080} or {@code 8080/udp}. */
    public static ContainerPort parse(String text) {
        String[] parts = text.strip().split("/", 2);
        return new ContainerPort(Ports.number(parts[0], text, "PORT[/PROTOCOL], such as 8080 or 53/udp"),
                parts.length > 1 ? parts[1] : null);
    }

    @Override
    public String toString() {
        return containerPort + "/" + protocol;
    }
}
