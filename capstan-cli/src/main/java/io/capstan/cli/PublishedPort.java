package io.capstan.cli;

import io.capstan.core.error.InvalidSpecException;
import io.capstan.core.spec.PortMapping;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code -p} value of {@code capstan managed}, as the API's {@code ports} takes it ({@code "80/tcp"} to a host port,
 * null for any free one). Docker's forms — {@code [IP:]HOST:CONTAINER[/PROTO]} and {@code CONTAINER[/PROTO]} — and
 * Capstan's {@code CONTAINER[/PROTO]=HOST}. Nothing given is dropped: what the API cannot do is refused.
 */
record PublishedPort(String containerPort, Integer hostPort) {
    private static final String FORMS = "expected CONTAINER[/PROTO], HOST:CONTAINER[/PROTO] or CONTAINER[/PROTO]=HOST, "
            + "such as 80, 8080:80 or 80/tcp=8080";

    /** Every value of the option, in order; a container port given twice is refused. */
    static Map<String, Integer> all(List<String> values, String option) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String value : values) {
            PublishedPort p = parse(value, option);
            if (ports.containsKey(p.containerPort())) {
                throw new InvalidSpecException(option + " '" + value + "': container port " + p.containerPort()
                        + " is published twice");
            }
            ports.put(p.containerPort(), p.hostPort());
        }
        return ports;
    }

    static PublishedPort parse(String value, String option) {
        String text = value == null ? "" : value.strip();
        int eq = text.indexOf('=');
        if (eq >= 0) {
            PortMapping container = mapping(text.substring(0, eq), value, option);
            if (container.hostPort() != 0 || !container.hostIp().isEmpty()) {
                throw new InvalidSpecException(option + " '" + value + "': give the host port once, " + FORMS);
            }
            String host = text.substring(eq + 1).strip();
            if (!host.matches("\\d{1,5}") || Integer.parseInt(host) > 65535) {
                throw new InvalidSpecException(option + " '" + value + "': the host port '" + host + "' is not a port "
                        + "number (1-65535, or 0 for any free one)");
            }
            return of(container, Integer.parseInt(host));
        }
        PortMapping mapping = mapping(text, value, option);
        if (!mapping.hostIp().isEmpty() && !mapping.hostIp().equals("0.0.0.0") && !mapping.hostIp().equals("::")) {
            throw new InvalidSpecException(option + " '" + value + "': the control plane publishes on every address "
                    + "of the host and cannot bind " + mapping.hostIp() + " only; leave the address out, such as "
                    + (mapping.hostPort() == 0 ? "" : mapping.hostPort() + ":") + mapping.containerPort());
        }
        return of(mapping, mapping.hostPort());
    }

    private static PublishedPort of(PortMapping mapping, int host) {
        return new PublishedPort(mapping.containerPort() + "/" + mapping.protocol(), host == 0 ? null : host);
    }

    private static PortMapping mapping(String text, String value, String option) {
        try {
            return PortMapping.parse(text);
        } catch (InvalidSpecException e) {
            throw new InvalidSpecException(option + " '" + value + "': " + FORMS);
        }
    }
}
