package io.capstan.control.managed;

import io.capstan.core.error.InvalidSpecException;
import io.capstan.core.spec.PortMapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code POST /start/container} asks for, checked field by field.
 *
 * @param ports    {@code "80/tcp"} to a host port; null or 0 asks for a free one
 * @param command  arguments replacing the image's CMD (empty: the image's own)
 * @param name     the container's name, or null for {@code capstan-<image>-<random>}
 */
public record CreateRequest(String image, Map<String, String> env, Map<String, Integer> ports,
                            ResourceLimits resources, List<String> command, String name) {
    public CreateRequest {
        env = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
        ports = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ports));
        command = List.copyOf(command);
    }

    public static CreateRequest of(String image) {
        return new CreateRequest(image, Map.of(), Map.of(), ResourceLimits.NONE, List.of(), null);
    }

    /** A replica as the image's desired state describes it. */
    public static CreateRequest of(io.capstan.control.store.DesiredImage d) {
        return new CreateRequest(d.image(), env(d.env()), ports(d.ports()), ResourceLimits.from(d.resources(), "resources"),
                d.command(), null);
    }

    /** Reads a JSON body; every problem is an {@link InvalidRequestException} naming the field. */
    public static CreateRequest from(Map<String, Object> body) {
        Object image = body.get("image");
        if (!(image instanceof String s) || s.isBlank()) {
            throw new InvalidRequestException("image", "required: the image to run, such as \"nginx:alpine\"");
        }
        Object name = body.get("name");
        if (name != null && !(name instanceof String)) {
            throw new InvalidRequestException("name", "expected a string");
        }
        return new CreateRequest(s.strip(), env(body.get("env")), ports(body.get("ports")),
                ResourceLimits.from(body.get("resources"), "resources"), command(body.get("command")), (String) name);
    }

    public static Map<String, String> env(Object value) {
        Map<String, String> env = new LinkedHashMap<>();
        if (value == null) {
            return env;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new InvalidRequestException("env", "expected an object of names to values, such as {\"DEBUG\": \"true\"}");
        }
        map.forEach((k, v) -> {
            String key = String.valueOf(k);
            if (key.isEmpty() || key.contains("=")) {
                throw new InvalidRequestException("env", "invalid variable name '" + key + "'");
            }
            if (v instanceof Map<?, ?> || v instanceof List<?>) {
                throw new InvalidRequestException("env." + key, "expected a string, number or boolean");
            }
            env.put(key, v == null ? "" : String.valueOf(v));
        });
        return env;
    }

    /**
     * Capstan's {@code {"80/tcp": 8080, "443/tcp": null}}, or the reference's {@code [{"container": 80, "host": 8080}]};
     * a null, missing or 0 host port asks for a free one.
     */
    public static Map<String, Integer> ports(Object value) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        if (value == null) {
            return ports;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                String field = "ports." + i;
                if (!(list.get(i) instanceof Map<?, ?> item)) {
                    throw new InvalidRequestException(field, "expected an object such as {\"container\": 80, \"host\": 8080}");
                }
                Object container = item.get("container");
                if (container == null) {
                    throw new InvalidRequestException(field + ".container", "required: the container port, such as 80");
                }
                String key = container instanceof Integer n ? String.valueOf(n) : String.valueOf(container);
                if (!(container instanceof Integer) && !(container instanceof String)) {
                    throw new InvalidRequestException(field + ".container", "expected a port number, got " + container);
                }
                PortMapping port = containerPort(key, field + ".container");
                if (port.containerPort() < 1) {
                    throw new InvalidRequestException(field + ".container", "expected a port 1-65535, got " + container);
                }
                int host = hostPort(item.get("host"), field + ".host");
                String name = port.containerPort() + "/" + port.protocol();
                if (ports.containsKey(name)) {
                    throw new InvalidRequestException(field + ".container", "port " + name + " is listed twice");
                }
                ports.put(name, host);
            }
            return ports;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new InvalidRequestException("ports", "expected an object such as {\"80/tcp\": 8080, \"443/tcp\": null}"
                    + " or a list such as [{\"container\": 80, \"host\": 8080}]");
        }
        map.forEach((k, v) -> {
            String field = "ports." + k;
            PortMapping port = containerPort(String.valueOf(k), field);
            ports.put(port.containerPort() + "/" + port.protocol(), hostPort(v, field));
        });
        return ports;
    }

    private static int hostPort(Object v, String field) {
        if (v == null) {
            return 0;
        }
        if (v instanceof Integer i && i >= 0 && i <= 65535) {
            return i;
        }
        throw new InvalidRequestException(field, "expected a host port 1-65535, or null or 0 for any free port, got " + v);
    }

    private static PortMapping containerPort(String key, String field) {
        if (!key.matches("\\d+(/(tcp|udp|sctp))?")) {
            throw new InvalidRequestException(field, "expected a container port such as \"80/tcp\" or \"53/udp\"");
        }
        try {
            return PortMapping.parse(key);
        } catch (InvalidSpecException e) {
            throw new InvalidRequestException(field, e.getMessage());
        }
    }

    public static List<String> command(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return new ArrayList<>(list.stream().map(String.class::cast).toList());
        }
        throw new InvalidRequestException("command", "expected a list of strings, such as [\"sleep\", \"3600\"]");
    }

    /** The same request publishing {@code more} ports too (container port to host port, 0 for any free one). */
    public CreateRequest withPorts(Map<String, Integer> more) {
        Map<String, Integer> all = new LinkedHashMap<>(ports);
        more.forEach(all::putIfAbsent);
        return new CreateRequest(image, env, all, resources, command, name);
    }

    /** The port bindings for the engine. */
    public List<PortMapping> portMappings() {
        return ports.entrySet().stream().map(e -> {
            String[] parts = e.getKey().split("/");
            return new PortMapping(Integer.parseInt(parts[0]), parts[1], "", e.getValue());
        }).toList();
    }
}
