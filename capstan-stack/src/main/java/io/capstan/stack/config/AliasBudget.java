package io.capstan.stack.config;

import io.capstan.core.error.ConfigException;
import org.snakeyaml.engine.v2.nodes.Node;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Bounds what YAML aliases expand to, rather than how many aliases a file has: a real file may use hundreds of
 * aliases, while a handful of nested ones ("billion laughs") expand to billions of values. An alias is the very node
 * its anchor made, so every node converted a second time is part of an expansion; past
 * {@link #MAX_EXPANDED} of those the file is refused. An alias inside its own anchor (a value that contains itself)
 * is refused too, and so are aliases that nest values deeper than a file may ({@link DepthLimitedParser}).
 */
final class AliasBudget {
    /** Far above what aliases in real configuration expand to (a few thousand values), far below harm. */
    static final int MAX_EXPANDED = 100_000;

    private final String file;
    private final Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Node> open = Collections.newSetFromMap(new IdentityHashMap<>());
    private int expanded;

    AliasBudget(String file) {
        this.file = file;
    }

    /** Called before a node is converted; {@link #exit} after. */
    void enter(Node node, int line) {
        if (!open.add(node)) {
            throw new ConfigException(file + ":" + line + ": invalid YAML: an alias refers to a value that contains it");
        }
        if (open.size() > DepthLimitedParser.MAX_DEPTH + 1) {
            throw new ConfigException(file + ":" + line + ": invalid YAML: aliases nest values more than "
                    + DepthLimitedParser.MAX_DEPTH + " levels deep: refusing to read it");
        }
        if (!seen.add(node) && ++expanded > MAX_EXPANDED) {
            throw new ConfigException(file + ":" + line + ": invalid YAML: aliases expand the file to more than "
                    + MAX_EXPANDED + " values (an alias bomb?): refusing to read it");
        }
    }

    void exit(Node node) {
        open.remove(node);
    }
}
