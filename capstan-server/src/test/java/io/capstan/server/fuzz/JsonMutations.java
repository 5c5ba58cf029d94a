package io.capstan.server.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.tck.fuzz.Fuzz;
import io.capstan.tck.fuzz.Mutations;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Request bodies that are valid JSON but wrong: a field of a valid body replaced by a value of another type (a
 * string for a number, a list for an object, null), a huge or negative number, unicode, deep nesting, or an extra
 * field; and, through {@link Mutations}, bodies that are not JSON at all.
 */
final class JsonMutations {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonMutations() {
    }

    static Function<Random, String> of(List<String> seeds) {
        Function<Random, String> seed = Fuzz.oneOf(seeds);
        Function<Random, JsonNode> hostile = hostileValue();
        Function<Random, String> typed = random -> replace(seed.apply(random), random.nextInt(1001),
                hostile.apply(random), 1 + random.nextInt(3));
        return Fuzz.frequency(Fuzz.weight(6, typed), Fuzz.weight(3, Mutations.of(seeds)));
    }

    private static Function<Random, JsonNode> hostileValue() {
        Function<Random, String> text = Fuzz.anyString(20);
        return Fuzz.oneOfGenerators(
                Fuzz.oneOf(List.of(NODES.nullNode(), NODES.booleanNode(true), NODES.numberNode(-1), NODES.numberNode(0),
                        NODES.numberNode(65536), NODES.numberNode(Long.MAX_VALUE), NODES.numberNode(1.5),
                        NODES.numberNode(new BigInteger("9".repeat(40))), NODES.numberNode(new BigDecimal("1e400")),
                        NODES.textNode(""), NODES.textNode("\u0000\n\u202e"), NODES.textNode("x".repeat(10_000)),
                        NODES.arrayNode(), NODES.objectNode(), NODES.arrayNode().add("a").add(1).addNull(),
                        deep(300))),
                random -> NODES.textNode(text.apply(random)),
                random -> NODES.numberNode(random.nextInt()));
    }

    private static JsonNode deep(int levels) {
        JsonNode node = NODES.textNode("bottom");
        for (int i = 0; i < levels; i++) {
            node = i % 2 == 0 ? NODES.arrayNode().add(node) : NODES.objectNode().set("a", node);
        }
        return node;
    }

    /** Replaces the {@code pick}-th value of the tree (counting depth-first), or adds a field at the top. */
    private static String replace(String seed, int pick, JsonNode value, int mode) {
        try {
            JsonNode root = MAPPER.readTree(seed);
            List<Slot> slots = new ArrayList<>();
            collect(root, slots);
            if (mode == 3 || slots.isEmpty()) {
                ((ObjectNode) root).set(mode == 3 ? "extra_" + pick : "x", value);
            } else {
                Slot slot = slots.get(pick % slots.size());
                if (slot.parent() instanceof ObjectNode object) {
                    object.set(slot.key(), value);
                } else {
                    ((com.fasterxml.jackson.databind.node.ArrayNode) slot.parent()).set(slot.index(), value);
                }
            }
            return MAPPER.writeValueAsString(root);
        } catch (Exception e) {
            throw new IllegalStateException("a seed body is not JSON: " + seed, e);
        }
    }

    private record Slot(ContainerNode<?> parent, String key, int index) {
    }

    private static void collect(JsonNode node, List<Slot> slots) {
        if (node instanceof ObjectNode object) {
            object.properties().forEach(e -> {
                slots.add(new Slot(object, e.getKey(), -1));
                collect(e.getValue(), slots);
            });
        } else if (node instanceof com.fasterxml.jackson.databind.node.ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                slots.add(new Slot(array, null, i));
                collect(array.get(i), slots);
            }
        }
    }
}
