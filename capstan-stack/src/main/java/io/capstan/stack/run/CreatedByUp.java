package io.capstan.stack.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one {@code up} created, in the order it did: container ids, and networks and volumes recorded as
 * {@code network:NAME} and {@code volume:NAME}. Services add to it from threads of their own.
 */
final class CreatedByUp {
    private final List<String> created = Collections.synchronizedList(new ArrayList<>());

    void container(String id) {
        created.add(id);
    }

    void resource(String kind, String name) {
        created.add(kind + ":" + name);
    }

    List<String> all() {
        return List.copyOf(created);
    }

    List<String> containerIds() {
        return all().stream().filter(c -> !c.startsWith("network:") && !c.startsWith("volume:")).toList();
    }

    /** The names of the networks ({@code kind} "network") or volumes ("volume") created. */
    List<String> named(String kind) {
        return all().stream().filter(c -> c.startsWith(kind + ":")).map(c -> c.substring(kind.length() + 1)).toList();
    }
}
