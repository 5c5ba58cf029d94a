package io.capstan.stack.config;

import io.capstan.core.error.ConfigException;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One YAML 1.2 file read into plain maps, lists and scalars, with the line of every key so that later errors
 * can say where a value came from. Keys are paths such as {@code framework.services.jupyter.path} or
 * {@code deployed_services[2]}.
 *
 * @param yaml11Differences one line per plain value that a YAML 1.1 reader (PyYAML) reads differently, with
 *                          where it is: {@code NO} is a string here and a boolean there
 */
public record YamlDocument(Map<String, Object> root, Map<String, Location> locations, List<String> yaml11Differences) {

    public static YamlDocument read(Path file, String displayName) {
        return parse(ConfigFiles.readText(file, displayName), displayName);
    }

    public static YamlDocument parse(String text, String displayName) {
        return parse(text, displayName, false);
    }

    /** Compose's {@code !reset} tag: the key is removed from what earlier files set. */
    public enum Reset { INSTANCE }

    /** Compose's {@code !override} tag: the value replaces what earlier files set instead of merging with it. */
    public record Override(Object value) {
    }

    /**
     * Parses YAML 1.2, with {@code <<} merge keys; with {@code composeTags}, {@code !reset} and {@code !override}
     * become {@link Reset} and {@link Override} values.
     */
    public static YamlDocument parse(String text, String displayName, boolean composeTags) {
        // Any number of aliases: what they expand to is bounded instead (AliasBudget).
        LoadSettings settings = LoadSettings.builder().setLabel(displayName).setAllowDuplicateKeys(false)
                .setUseMarks(true).setSchema(new CoreSchema()).setMaxAliasesForCollections(Integer.MAX_VALUE).build();
        Optional<Node> node;
        try {
            node = new Composer(settings, new DepthLimitedParser(
                    new ParserImpl(settings, new StreamReader(settings, text)), displayName)).getSingleNode();
        } catch (MarkedYamlEngineException e) {
            throw syntaxError(displayName, e);
        } catch (YamlEngineException e) {
            throw new ConfigException(displayName + ": invalid YAML: " + e.getMessage(), e);
        }
        if (node.isEmpty()) {
            return new YamlDocument(new LinkedHashMap<>(), new HashMap<>(), List.of());
        }
        Map<String, Location> locations = new HashMap<>();
        List<String> yaml11Differences = new ArrayList<>();
        Object value = new Converter(displayName, composeTags, locations, yaml11Differences, new AliasBudget(displayName))
                .convert(node.get(), "");
        if (!(value instanceof Map<?, ?> map)) {
            throw new ConfigException(displayName + ":1: expected a mapping of keys at the top, found "
                    + Values.describe(value));
        }
        return new YamlDocument(Values.asMap(map), locations, List.copyOf(yaml11Differences));
    }

    /** Refuses text that is not YAML at all, as {@link #parse} would, without reading it into values. */
    public static void requireSyntax(String text, String displayName) {
        try {
            LoadSettings settings = LoadSettings.builder().setLabel(displayName)
                    .setMaxAliasesForCollections(Integer.MAX_VALUE).build();
            new Composer(settings, new DepthLimitedParser(
                    new ParserImpl(settings, new StreamReader(settings, text)), displayName)).getSingleNode();
        } catch (MarkedYamlEngineException e) {
            throw syntaxError(displayName, e);
        } catch (YamlEngineException e) {
            throw new ConfigException(displayName + ": invalid YAML: " + e.getMessage(), e);
        }
    }

    private static ConfigException syntaxError(String displayName, MarkedYamlEngineException e) {
        var mark = e.getProblemMark().or(e::getContextMark);
        String where = mark.map(m -> displayName + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1)).orElse(displayName);
        String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
        String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
        return new ConfigException(where + ": invalid YAML: " + problem + context, e);
    }

    /** Turns composed nodes into maps, lists and scalars (typed by YAML 1.2's core schema), noting each key's line. */
    private record Converter(String file, boolean composeTags, Map<String, Location> locations,
                             List<String> yaml11Differences, AliasBudget aliases) {
        Object convert(Node node, String path) {
            aliases.enter(node, line(node));
            try {
                return tagged(node, path);
            } finally {
                aliases.exit(node);
            }
        }

        private Object tagged(Node node, String path) {
            String tag = node.getTag().getValue();
            if (composeTags && tag.equals("!reset")) {
                return Reset.INSTANCE;
            }
            if (composeTags && tag.equals("!override")) {
                return new Override(plain(node, path));
            }
            if (tag.startsWith("!") && !node.getTag().equals(Tag.ENV_TAG)) {
                throw new ConfigException(file + ":" + line(node) + ": unsupported YAML tag " + tag);
            }
            return plain(node, path);
        }

        private Object plain(Node node, String path) {
            return switch (node) {
                case MappingNode mapping -> mapping(mapping, path);
                case SequenceNode sequence -> {
                    List<Object> items = new ArrayList<>();
                    for (Node item : sequence.getValue()) {
                        String child = path + "[" + items.size() + "]";
                        locations.put(child, new Location(file, line(item)));
                        items.add(convert(item, child));
                    }
                    yield items;
                }
                case ScalarNode scalar -> {
                    Object value = scalar(scalar);
                    if (scalar.isPlain()) {
                        noteYaml11Difference(scalar, value, path);
                    }
                    yield value;
                }
                default -> throw new ConfigException(file + ":" + line(node) + ": unsupported YAML node");
            };
        }

        private Map<String, Object> mapping(MappingNode mapping, String path) {
            Map<String, Object> result = new LinkedHashMap<>();
            Map<String, Object> merged = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                    throw new ConfigException(file + ":" + line(tuple.getKeyNode()) + ": mapping keys must be plain values");
                }
                String key = keyNode.getValue();
                if (key.equals("<<") && keyNode.isPlain()) {
                    // a YAML merge key: its mapping(s) provide defaults that explicit keys override
                    Object defaults = convert(tuple.getValueNode(), path);
                    for (Object source : defaults instanceof List<?> list ? list : List.of(defaults)) {
                        if (!(source instanceof Map<?, ?> m)) {
                            throw new ConfigException(file + ":" + line(keyNode) + ": '<<' merges mappings, found " + Values.describe(source));
                        }
                        m.forEach((k, v) -> merged.putIfAbsent(String.valueOf(k), v));
                    }
                    continue;
                }
                if (result.containsKey(key)) {
                    int column = keyNode.getStartMark().map(m -> m.getColumn() + 1).orElse(0);
                    throw new ConfigException(file + ":" + line(keyNode) + ":" + column + ": invalid YAML: found duplicate key " + key);
                }
                String child = path.isEmpty() ? key : path + "." + key;
                locations.put(child, new Location(file, line(keyNode)));
                result.put(key, convert(tuple.getValueNode(), child));
            }
            merged.forEach(result::putIfAbsent);
            return result;
        }

        private void noteYaml11Difference(ScalarNode scalar, Object value, String path) {
            Yaml11Reading.differently(scalar.getValue(), value).ifPresent(yaml11 -> yaml11Differences.add(
                    file + ":" + line(scalar) + ": " + path + ": plain " + scalar.getValue() + " is "
                            + Values.describe(value) + " to Capstan (YAML 1.2) but " + yaml11 + " to YAML 1.1 readers "
                            + "such as PyYAML: quote a string, write a boolean as true or false"));
        }

        private static Object scalar(ScalarNode scalar) {
            String value = scalar.getValue();
            Tag tag = scalar.getTag();
            if (tag.equals(Tag.STR) || tag.equals(Tag.ENV_TAG)) {
                return value; // snakeyaml tags ${VAR} text as an environment reference; to us it is text
            }
            if (tag.equals(Tag.NULL)) {
                return null;
            }
            if (tag.equals(Tag.BOOL)) {
                return Boolean.parseBoolean(value.toLowerCase(java.util.Locale.ROOT));
            }
            if (tag.equals(Tag.INT)) {
                return integer(value);
            }
            if (tag.equals(Tag.FLOAT)) {
                return floating(value);
            }
            return value;
        }

        private static Object integer(String value) {
            String v = value.replace("_", "");
            java.math.BigInteger n = v.startsWith("0x") ? new java.math.BigInteger(v.substring(2), 16)
                    : v.startsWith("0o") ? new java.math.BigInteger(v.substring(2), 8) : new java.math.BigInteger(v);
            return n.bitLength() < 32 ? (Object) n.intValue() : n.bitLength() < 64 ? (Object) n.longValue() : n;
        }

        private static Double floating(String value) {
            String v = value.toLowerCase(java.util.Locale.ROOT);
            if (v.endsWith(".inf")) {
                return v.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            return v.equals(".nan") ? Double.NaN : Double.valueOf(v);
        }

        private static int line(Node node) {
            return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
        }
    }
}
