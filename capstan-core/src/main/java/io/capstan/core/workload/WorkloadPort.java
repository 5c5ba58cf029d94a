package io.capstan.core.workload;

import io.capstan.core.error.InvalidSpecException;

import java.util.Locale;

/**
 * A port a workload publishes.
 *
 * @param published the port clients reach (0: the target picks one, in ingress mode only)
 * @param target    the port inside the workload's containers
 * @param protocol  {@code tcp}, {@code udp} or {@code sctp}
 * @param mode      {@link Mode#INGRESS}: on every node through the cluster's routing mesh; {@link Mode#HOST}: only on
 *                  the nodes that run a replica, straight into it
 */
public record WorkloadPort(int published, int target, String protocol, Mode mode) {
    public enum Mode { INGRESS, HOST }

    public WorkloadPort {
        protocol = protocol == null || protocol.isBlank() ? "tcp" : protocol.toLowerCase(Locale.ROOT);
        if (!protocol.equals("tcp") && !protocol.equals("udp") && !protocol.equals("sctp")) {
            throw new InvalidSpecException("invalid port protocol '" + protocol + "': expected tcp, udp or sctp");
        }
        if (target < 1 || target > 65535) {
            throw new InvalidSpecException("invalid target port " + target + ": expected 1-65535");
        }
        if (published < 0 || published > 65535) {
            throw new InvalidSpecException("invalid published port " + published + ": expected 1-65535, or 0 for any");
        }
        mode = mode == null ? Mode.INGRESS : mode;
    }

    /**
     * Parses {@code [PUBLISHED:]TARGET[/PROTOCOL][@host|@ingress]}, such as {@code 8080:80}, {@code 8080:80/udp@host}.
     */
    public static WorkloadPort parse(String text) {
        String value = text == null ? "" : text.strip();
        Mode mode = Mode.INGRESS;
        int at = value.lastIndexOf('@');
        if (at >= 0) {
            mode = switch (value.substring(at + 1)) {
                case "host" -> Mode.HOST;
                case "ingress" -> Mode.INGRESS;
                default -> throw new InvalidSpecException("invalid port '" + text
                        + "': the mode after @ must be host or ingress, such as 8080:80@host");
            };
            value = value.substring(0, at);
        }
        String protocol = "tcp";
        int slash = value.indexOf('/');
        if (slash >= 0) {
            protocol = value.substring(slash + 1);
            value = value.substring(0, slash);
        }
        if (!value.matches("(\\d{1,5}:)?\\d{1,5}")) {
            throw new InvalidSpecException("invalid port '" + text
                    + "': expected [PUBLISHED:]TARGET[/PROTOCOL][@host|@ingress], such as 8080:80@host");
        }
        String[] parts = value.split(":");
        int target = Integer.parseInt(parts[parts.length - 1]);
        int published = parts.length == 2 ? Integer.parseInt(parts[0]) : 0;
        return new WorkloadPort(published, target, protocol, mode);
    }

    /** {@code 8080:80/tcp (host)}, the way {@code docker service ls} shows ports. */
    @Override
    public String toString() {
        return (published == 0 ? "*" : String.valueOf(published)) + "->" + target + "/" + protocol
                + (mode == Mode.HOST ? " (host)" : "");
    }
}
