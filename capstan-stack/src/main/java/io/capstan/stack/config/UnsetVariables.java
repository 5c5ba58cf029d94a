package io.capstan.stack.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Variables used without a value or a default, with every place they are used, so that a misspelt variable is one
 * warning however many files use it: the stack's config keeps {@code ${VAR}} for compose, which then reads it as
 * empty text, and both are the same mistake.
 *
 * @param uses    each variable's places, in the order found
 * @param blanked the variables a compose file read as empty text (the others were left as written)
 */
public record UnsetVariables(Map<String, Set<Location>> uses, Set<String> blanked) {
    public static final UnsetVariables NONE = new UnsetVariables(Map.of(), Set.of());

    /**
     * @param keyPaths  each variable's key paths, as {@link Interpolator#unsetUses()} gives them
     * @param locations where each key path was set; a path without one is shown as {@code file}
     * @param blank     whether the variables were read as empty text
     */
    public static UnsetVariables of(Map<String, List<String>> keyPaths, Map<String, Location> locations, String file,
                                    boolean blank) {
        Map<String, Set<Location>> uses = new LinkedHashMap<>();
        keyPaths.forEach((name, paths) -> paths.forEach(path -> uses.computeIfAbsent(name, n -> new LinkedHashSet<>())
                .add(locations.getOrDefault(path, new Location(file, 0)))));
        return new UnsetVariables(uses, blank ? Set.copyOf(uses.keySet()) : Set.of());
    }

    /** These variables' places followed by {@code later}'s. */
    public UnsetVariables plus(UnsetVariables later) {
        Map<String, Set<Location>> uses = new LinkedHashMap<>();
        this.uses.forEach((name, places) -> uses.computeIfAbsent(name, n -> new LinkedHashSet<>()).addAll(places));
        later.uses.forEach((name, places) -> uses.computeIfAbsent(name, n -> new LinkedHashSet<>()).addAll(places));
        Set<String> blanked = new LinkedHashSet<>(this.blanked);
        blanked.addAll(later.blanked);
        return new UnsetVariables(uses, blanked);
    }

    /** One line per variable: {@code variable X is not set and has no default (used at config.yml:6 and 2 more); ...}. */
    public List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        uses.forEach((name, places) -> {
            int more = places.size() - 1;
            warnings.add("variable " + name + " is not set and has no default (used at " + places.iterator().next()
                    + (more > 0 ? " and " + more + " more" : "") + "); "
                    + (blanked.contains(name) ? "using an empty string" : "left as written"));
        });
        return warnings;
    }
}
