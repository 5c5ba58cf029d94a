package io.capstan.kernels.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.core.error.ConfigException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * kernel.json as Jupyter reads it: {@code argv} runs Capstan's launcher, {@code metadata.capstan} holds what the
 * launcher needs. Written with sorted keys, two-space indents and non-ASCII characters escaped, so the same
 * kernelspec is always the same bytes.
 */
public final class KernelJson {
    public static final String FILE = "kernel.json";
    /** The metadata key under which Capstan keeps its settings; its presence marks a kernelspec as Capstan's. */
    public static final String METADATA_KEY = "capstan";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();

    private KernelJson() {
    }

    /** The file's text, ending with a newline. */
    public static String write(KernelSpec spec, List<String> launcherArgv) {
        ObjectNode root = MAPPER.createObjectNode();
        root.set("argv", strings(launcherArgv));
        root.put("display_name", spec.displayName());
        root.set("env", MAPPER.createObjectNode());
        root.put("interrupt_mode", "signal");
        root.put("language", spec.language().word());
        ObjectNode capstan = MAPPER.createObjectNode();
        capstan.set("authorized_users", strings(spec.authorizedUsers()));
        capstan.put("image_name", spec.image());
        capstan.put("ipykernel_subclass_name", spec.ipykernelSubclassName());
        capstan.set("kernel_argv", strings(spec.containerArgv()));
        capstan.put("launch_timeout", spec.launchTimeout());
        capstan.put("log_level", spec.logLevel());
        capstan.put("mode", spec.mode().word());
        capstan.put("network", spec.network());
        capstan.put("port_range", spec.portRange().toString());
        capstan.set("unauthorized_users", strings(spec.unauthorizedUsers()));
        root.set("metadata", MAPPER.createObjectNode().set(METADATA_KEY, capstan));
        try {
            return MAPPER.writer(printer()).writeValueAsString(sorted(root)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
    }

    /** Reads a Capstan kernelspec back; a kernel.json without Capstan's metadata is a {@link ConfigException}. */
    public static KernelSpec read(Path file) {
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new ConfigException("cannot read kernelspec " + file + ": "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        }
        JsonNode capstan = root == null ? null : root.path("metadata").get(METADATA_KEY);
        if (capstan == null || !capstan.isObject()) {
            throw new ConfigException("kernelspec " + file + " is not Capstan's (no metadata." + METADATA_KEY + ")");
        }
        try {
            return new KernelSpec(file.getParent().getFileName().toString(), root.path("display_name").asText(),
                    Language.parse(root.path("language").asText("python")),
                    KernelMode.parse(capstan.path("mode").asText("container")),
                    capstan.path("image_name").asText(), capstan.path("network").asText(""),
                    new TreeSet<>(texts(capstan.path("authorized_users"))),
                    new TreeSet<>(texts(capstan.path("unauthorized_users"))),
                    PortRange.parse(capstan.path("port_range").asText("0..0")),
                    capstan.path("launch_timeout").asInt(30),
                    capstan.path("ipykernel_subclass_name").asText(KernelSpec.DEFAULT_SUBCLASS),
                    capstan.path("log_level").asInt(30),
                    texts(capstan.path("kernel_argv")));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("kernelspec " + file + ": "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        }
    }

    /** Whether {@code file} is a kernel.json Capstan wrote. */
    public static boolean isCapstans(Path file) {
        try {
            JsonNode root = MAPPER.readTree(Files.readString(file));
            return root != null && root.path("metadata").path(METADATA_KEY).isObject();
        } catch (IOException e) {
            return false;
        }
    }

    private static ArrayNode strings(Collection<String> values) {
        ArrayNode array = MAPPER.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }

    /** The same tree with every object's keys in order (ObjectNode keeps insertion order). */
    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = MAPPER.createObjectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            names.forEach(name -> copy.set(name, sorted(node.get(name))));
            return copy;
        }
        return node;
    }

    private static DefaultPrettyPrinter printer() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        return new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator(""))
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
    }
}
