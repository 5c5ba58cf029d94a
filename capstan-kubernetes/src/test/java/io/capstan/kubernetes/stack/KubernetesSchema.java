package io.capstan.kubernetes.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Kubernetes API's JSON schema (core and apps groups) as fabric8's model jars shipped it (unpacked by the build
 * from {@code io.fabric8:kubernetes-model-apps:6.13.4}), validating manifests with networknt's validator.
 *
 * <p>Three things are read the way the API server reads them rather than as the schema's Java-oriented text says:
 * its {@code "required": true} on a property becomes the property's name in {@code required}; an object with declared
 * properties takes no others (the API server's strict field validation refuses unknown fields); and
 * {@code Quantity} and {@code IntOrString}, described there by their Java fields, are the string or number they are
 * on the wire.
 */
final class KubernetesSchema {
    private static final Path FILE = Path.of("target/kubernetes-schema/schema/validation-schema.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static KubernetesSchema instance;

    private final ObjectNode definitions;
    private final ObjectNode resources;
    private final Map<String, JsonSchema> byKind = new HashMap<>();

    private KubernetesSchema(ObjectNode root) {
        definitions = (ObjectNode) root.get("definitions");
        resources = (ObjectNode) root.get("resources");
        strict(definitions);
        strict(resources);
        definitions.set("k8s_io_apimachinery_pkg_api_resource_Quantity", types("string", "number"));
        definitions.set("kubernetes_apimachinery_pkg_util_intstr_IntOrString", types("string", "integer"));
    }

    static synchronized KubernetesSchema load() {
        if (instance == null) {
            if (!Files.isRegularFile(FILE)) {
                throw new IllegalStateException(FILE.toAbsolutePath() + " is missing: the build unpacks it in generate-test-resources");
            }
            try {
                instance = new KubernetesSchema((ObjectNode) JSON.readTree(FILE.toFile()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    /** The schema's complaints about one manifest (YAML text), empty when it is valid; a kind it lacks is a complaint. */
    synchronized List<String> validate(String yaml) {
        JsonNode manifest;
        try {
            manifest = YAML.readTree(yaml);
        } catch (IOException e) {
            return List.of("not YAML: " + e.getMessage());
        }
        String kind = manifest.path("kind").asText().toLowerCase(Locale.ROOT);
        if (!resources.has(kind)) {
            return List.of("the schema has no kind '" + kind + "'");
        }
        JsonSchema schema = byKind.computeIfAbsent(kind, k -> {
            ObjectNode s = resources.get(k).deepCopy();
            s.put("$schema", "http://json-schema.org/draft-07/schema#");
            s.set("definitions", definitions);
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(s);
        });
        Set<ValidationMessage> errors = schema.validate(manifest);
        List<String> messages = new ArrayList<>();
        errors.forEach(e -> messages.add(kind + ": " + e.getMessage()));
        return messages;
    }

    private static ObjectNode types(String... names) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        ArrayNode type = node.putArray("type");
        for (String name : names) {
            type.add(name);
        }
        return node;
    }

    /** Walks every schema node: declared properties become closed, and property-level required flags a list. */
    private static void strict(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.get("properties") instanceof ObjectNode properties) {
                ArrayNode required = JsonNodeFactory.instance.arrayNode();
                for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> property = it.next();
                    if (property.getValue() instanceof ObjectNode p && p.path("required").isBoolean()) {
                        if (p.get("required").asBoolean()) {
                            required.add(property.getKey());
                        }
                        p.remove("required");
                    }
                }
                if (!required.isEmpty()) {
                    object.set("required", required);
                }
                if (object.path("additionalProperties").isBoolean()) {
                    object.put("additionalProperties", false);
                }
            }
            object.elements().forEachRemaining(KubernetesSchema::strict);
        } else if (node instanceof ArrayNode array) {
            array.elements().forEachRemaining(KubernetesSchema::strict);
        }
    }
}
