package io.capstan.kernels.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.capstan.core.error.ConfigException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code kernelspec install --config FILE}: a JSON object whose keys are the install options without their dashes,
 * such as {@code {"image_name": "my-kernel:1", "authorized_users": ["alice"], "launch_timeout": 60}}.
 */
public final class KernelSpecConfigFile {
    private static final Set<String> KEYS = Set.of("swarm", "image_name", "kernel_name", "display_name", "language",
            "authorized_users", "unauthorized_users", "port_range", "launch_timeout", "ipykernel_subclass_name",
            "log_level", "network");

    private KernelSpecConfigFile() {
    }

    public static KernelSpecOptions read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new ConfigException("cannot read --config " + file + ": " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException(file + ": expected a JSON object of install options");
        }
        Map<String, JsonNode> values = new HashMap<>();
        root.fields().forEachRemaining(field -> {
            String key = field.getKey().replace('-', '_');
            if (!KEYS.contains(key)) {
                throw new ConfigException(file + ": unknown key '" + field.getKey() + "': expected one of "
                        + String.join(", ", KEYS.stream().sorted().toList()));
            }
            values.put(key, field.getValue());
        });
        return new KernelSpecOptions(
                values.containsKey("swarm") ? values.get("swarm").asBoolean() : null,
                text(values, "image_name"), text(values, "kernel_name"), text(values, "display_name"),
                text(values, "language"), list(file, values, "authorized_users"), list(file, values, "unauthorized_users"),
                text(values, "port_range"), number(file, values, "launch_timeout"),
                text(values, "ipykernel_subclass_name"), text(values, "log_level"), text(values, "network"));
    }

    private static String text(Map<String, JsonNode> values, String key) {
        JsonNode node = values.get(key);
        return node == null || node.isNull() ? null : node.asText();
    }

    private static Integer number(Path file, Map<String, JsonNode> values, String key) {
        JsonNode node = values.get(key);
        if (node == null) {
            return null;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw new ConfigException(file + ": " + key + " is " + node + ": expected whole seconds");
        }
        return node.asInt();
    }

    private static List<String> list(Path file, Map<String, JsonNode> values, String key) {
        JsonNode node = values.get(key);
        if (node == null) {
            return null;
        }
        if (!node.isArray()) {
            throw new ConfigException(file + ": " + key + " is " + node + ": expected a list of user names");
        }
        List<String> names = new ArrayList<>();
        node.forEach(n -> names.add(n.asText()));
        return names;
    }
}
