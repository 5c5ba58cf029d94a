package io.capstan.stack.config;

import io.capstan.core.error.ConfigException;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
 */
public record YamlDocument(Map<String, Object> root, Map<String, Location> locations) {

    public static YamlDocument read(Path file, String displayName) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(displayName + ": file not found");
        } catch (IOException e) {
            throw new ConfigException(displayName + ": cannot read: " + e.getMessage(), e);
        }
        return parse(text, displayName);
    }

    public static YamlDocument parse(String text, String displayName) {
        LoadSettings settings = LoadSettings.builder().setLabel(displayName).setAllowDuplicateKeys(false)
                .setUseMarks(true).build();
        Optional<Node> node;
        Object value;
        try {
            node = new Compose(settings).composeString(text);
            value = new StandardConstructor(settings).constructSingleDocument(node);
        } catch (MarkedYamlEngineException e) {
            var mark = e.getProblemMark().or(e::getContextMark);
            String where = mark.map(m -> displayName + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1)).orElse(displayName);
            String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            throw new ConfigException(where + ": invalid YAML: " + problem + context, e);
        } catch (YamlEngineException e) {
            throw new ConfigException(displayName + ": invalid YAML: " + e.getMessage(), e);
        }
        if (value == null) {
            return new YamlDocument(new LinkedHashMap<>(), new HashMap<>());
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new ConfigException(displayName + ":1: expected a mapping of keys at the top, found "
                    + Values.describe(value));
        }
        Map<String, Location> locations = new HashMap<>();
        node.ifPresent(n -> record(n, "", displayName, locations));
        return new YamlDocument(Values.stringKeys(map), locations);
    }

    private static void record(Node node, String path, String file, Map<String, Location> locations) {
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key) {
                    String child = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
                    locations.put(child, new Location(file, key.getStartMark().map(m -> m.getLine() + 1).orElse(0)));
                    record(tuple.getValueNode(), child, file, locations);
                }
            }
        } else if (node instanceof SequenceNode sequence) {
            List<Node> items = new ArrayList<>(sequence.getValue());
            for (int i = 0; i < items.size(); i++) {
                String child = path + "[" + i + "]";
                Node item = items.get(i);
                locations.put(child, new Location(file, item.getStartMark().map(m -> m.getLine() + 1).orElse(0)));
                record(item, child, file, locations);
            }
        }
    }
}
