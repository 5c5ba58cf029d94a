package io.capstan.stack.compose;

import io.capstan.core.error.ConfigException;
import io.capstan.core.error.InvalidSpecException;
import io.capstan.core.spec.PortMapping;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compose's short port syntax with ranges: {@code 8000-8002:80-82}, {@code 127.0.0.1:9000-9001:90-91/udp}, a host
 * range for one container port ({@code 8000-8010:80}: the engine picks a free one), and an empty host address
 * ({@code :443:443}, what {@code ${BIND:-}:443:443} gives) for all addresses.
 */
final class PortRanges {
    private static final Pattern SHORT = Pattern.compile(
            "(?:(?:(\\[[0-9a-fA-F:]+]|[0-9.]*):)?(\\d*(?:-\\d+)?):)?(\\d+(?:-\\d+)?)(?:/(tcp|udp|sctp))?");
    private static final Pattern PUBLISHED = Pattern.compile("(\\d+)(?:-(\\d+))?");

    private PortRanges() {
    }

    static List<PortMapping> expand(String text) {
        Matcher m = SHORT.matcher(text.strip());
        if (!m.matches()) {
            return List.of(PortMapping.parse(text)); // its error names the value and the expected form
        }
        String ip = m.group(1) == null ? "" : m.group(1).replace("[", "").replace("]", "");
        int[] container = range(m.group(3), text);
        int[] host = m.group(2) == null || m.group(2).isEmpty() ? null : range(m.group(2), text);
        int count = container[1] - container[0] + 1;
        if (host != null && count == 1) {
            return List.of(new PortMapping(container[0], m.group(4), ip, host[0], host[1]));
        }
        if (host != null && host[1] - host[0] + 1 != count && host[0] != host[1]) {
            throw new InvalidSpecException("invalid port '" + text + "': the host and container ranges differ in length");
        }
        if (host != null && host[0] == host[1] && count > 1) {
            throw new InvalidSpecException("invalid port '" + text + "': a range of container ports needs a range of host ports");
        }
        List<PortMapping> result = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            result.add(new PortMapping(container[0] + i, m.group(4), ip, host == null ? 0 : host[0] + i));
        }
        return result;
    }

    /** The long syntax: {@code published} is empty (any port), a port, or a range the engine picks a free one from. */
    static PortMapping longSyntax(int target, String protocol, String hostIp, String published) {
        if (published.isEmpty()) {
            return new PortMapping(target, protocol, hostIp, 0);
        }
        Matcher m = PUBLISHED.matcher(published.strip());
        if (!m.matches()) {
            throw new InvalidSpecException("invalid published port '" + published
                    + "': expected a port or a range FIRST-LAST, such as 8080 or 8080-8081");
        }
        int[] host = range(published.strip(), published);
        return new PortMapping(target, protocol, hostIp, host[0], host[1]);
    }

    /** Swarm's publishing modes: on one engine both publish on the host, so either is accepted and means the same. */
    static void checkMode(String mode, String where) {
        if (!mode.equals("host") && !mode.equals("ingress")) {
            throw new ConfigException(where + "port mode '" + mode + "' is not host or ingress");
        }
    }

    private static int[] range(String text, String whole) {
        String[] bounds = text.split("-");
        int low = number(bounds[0]);
        int high = bounds.length == 2 ? number(bounds[1]) : low;
        if (high < low || high > 65535) {
            throw new InvalidSpecException("invalid port '" + whole + "': " + text + " is not a port range within 1-65535");
        }
        return new int[] {low, high};
    }

    /** Digits too long for an int are out of range, not a crash. */
    private static int number(String digits) {
        return digits.length() > 6 ? Integer.MAX_VALUE : Integer.parseInt(digits);
    }
}
