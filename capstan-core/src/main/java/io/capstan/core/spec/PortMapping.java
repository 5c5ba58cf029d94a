package io.capstan.core.spec;

import io.capstan.core.error.InvalidSpecException;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container port published on the host.
 *
 * @param containerPort the port inside the container
 * @param protocol      {@code tcp} or {@code udp}
 * @param hostIp        the host address to bind, empty for all addresses
 * @param hostPort      the host port; {@code 0} asks the engine for a free one
 * @param hostPortEnd   with a host port, the last port of a range the engine picks a free one from (Compose's
 *                      {@code published: "8080-8081"}); {@code hostPort} itself for a single port
 */
public record PortMapping(int containerPort, String protocol, String hostIp, int hostPort, int hostPortEnd) {
    private static final Pattern SHORT = Pattern.compile(
            "(?:(?:(\\[[0-9a-fA-F:]+]|[0-9.]+):)?(\\d*):)?(\\d+)(?:/(tcp|udp|sctp))?");

    public PortMapping {
        protocol = protocol == null || protocol.isBlank() ? "tcp" : protocol.toLowerCase(Locale.ROOT);
        hostIp = hostIp == null ? "" : hostIp;
        checkPort(containerPort, false, "container port");
        checkPort(hostPort, true, "host port");
        hostPortEnd = hostPortEnd == 0 ? hostPort : hostPortEnd;
        if (hostPortEnd < hostPort || hostPortEnd > 65535 || hostPort == 0 && hostPortEnd != 0) {
            throw new InvalidSpecException("invalid host port range " + hostPort + "-" + hostPortEnd
                    + ": expected FIRST-LAST within 1-65535, FIRST not above LAST");
        }
    }

    public PortMapping(int containerPort, String protocol, String hostIp, int hostPort) {
        this(containerPort, protocol, hostIp, hostPort, hostPort);
    }

    /** The host port as the engine takes it: empty for any, {@code 8080}, or a range {@code 8080-8081}. */
    public String hostPorts() {
        return hostPort == 0 ? "" : hostPortEnd == hostPort ? String.valueOf(hostPort) : hostPort + "-" + hostPortEnd;
    }

    public static PortMapping tcp(int containerPort, int hostPort) {
        return new PortMapping(containerPort, "tcp", "", hostPort);
    }

    /**
     * Parses Docker's short form: {@code 80}, {@code 8080:80}, {@code 127.0.0.1:8080:80},
     * {@code 127.0.0.1::80}, each with an optional {@code /udp}.
     */
    public static PortMapping parse(String text) {
        Matcher m = SHORT.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new InvalidSpecException("invalid port '" + text
                    + "': expected [HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL], such as 8080:80 or 127.0.0.1:8080:80/udp");
        }
        String ip = m.group(1) == null ? "" : m.group(1).replace("[", "").replace("]", "");
        int host = m.group(2) == null || m.group(2).isEmpty() ? 0 : parsePort(m.group(2), text);
        return new PortMapping(parsePort(m.group(3), text), m.group(4), ip, host);
    }

    private static int parsePort(String digits, String text) {
        try {
            int port = Integer.parseInt(digits);
            if (port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the error below
        }
        throw new InvalidSpecException("invalid port '" + text + "': " + digits + " is not a port number (1-65535)");
    }

    private static void checkPort(int port, boolean zeroAllowed, String what) {
        if (port < (zeroAllowed ? 0 : 1) || port > 65535) {
            throw new InvalidSpecException("invalid " + what + " " + port + ": expected 1-65535");
        }
    }

    /** {@code 127.0.0.1:8080->80/tcp}, the way {@code docker ps} shows it. */
    @Override
    public String toString() {
        String host = hostPort == 0 ? "" : (hostIp.isEmpty() ? "0.0.0.0" : hostIp) + ":" + hostPorts() + "->";
        return host + containerPort + "/" + protocol;
    }
}
