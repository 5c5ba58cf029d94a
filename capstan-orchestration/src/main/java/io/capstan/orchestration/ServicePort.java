package io.capstan.orchestration;

import io.capstan.core.error.InvalidSpecException;

import java.util.Locale;

/**
 * A port of a service.
 *
 * @param port       the port the service answers on
 * @param targetPort the pods' port it forwards to (the same as {@code port} when 0)
 * @param protocol   {@code TCP} (the default), {@code UDP} or {@code SCTP}
 * @param nodePort   for NodePort and LoadBalancer services, the port on every node (30000-32767); 0 lets the cluster
 *                   choose
 */
public record ServicePort(int port, int targetPort, String protocol, int nodePort) {
    public ServicePort {
        protocol = new ContainerPort(port < 1 || port > 65535 ? 1 : port, protocol).protocol();
        if (port < 1 || port > 65535) {
            throw new InvalidSpecException("invalid service port " + port + ": expected 1-65535");
        }
        targetPort = targetPort == 0 ? port : targetPort;
        if (targetPort < 1 || targetPort > 65535) {
            throw new InvalidSpecException("invalid target port " + targetPort + " of service port " + port
                    + ": expected 1-65535");
        }
        if (nodePort != 0 && (nodePort < 30000 || nodePort > 32767)) {
            throw new InvalidSpecException("invalid node port " + nodePort + " of service port " + port
                    + ": expected 30000-32767 (the cluster's default node port range)");
        }
    }

    public ServicePort(int port, int targetPort) {
        this(port, targetPort, "TCP", 0);
    }

    /** {@code PORT[:TARGET][/PROTOCOL]}, such as {@code 80:8080} or {@code 53/udp}; a node port as {@code 80:8080:30080}. */
    public static ServicePort parse(String text) {
        String expected = "PORT[:TARGET_PORT[:NODE_PORT]][/PROTOCOL], such as 80:8080 or 53/udp";
        String[] protocol = text.strip().split("/", 2);
        String[] numbers = protocol[0].split(":", -1);
        if (numbers.length > 3) {
            throw new InvalidSpecException("invalid port '" + text + "': expected " + expected);
        }
        int port = Ports.number(numbers[0], text, expected);
        int target = numbers.length > 1 ? Ports.number(numbers[1], text, expected) : 0;
        int node = numbers.length > 2 ? Ports.number(numbers[2], text, expected) : 0;
        return new ServicePort(port, target, protocol.length > 1 ? protocol[1].toUpperCase(Locale.ROOT) : "TCP", node);
    }

    @Override
    public String toString() {
        return port + (targetPort != port ? ":" + targetPort : "") + (nodePort != 0 ? ":" + nodePort : "")
                + "/" + protocol;
    }
}
