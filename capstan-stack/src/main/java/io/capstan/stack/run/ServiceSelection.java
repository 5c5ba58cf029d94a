package io.capstan.stack.run;

import io.capstan.core.error.NotFoundException;
import io.capstan.stack.compose.ComposeProject;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The services a verb names ({@code stop web worker}): checked against the stack, and widened as Compose does. */
public final class ServiceSelection {
    private ServiceSelection() {
    }

    /** {@code names}, each checked; none named means every service of the stack, in its order. */
    public static Set<String> of(ComposeProject project, List<String> names) {
        for (String name : names) {
            if (!project.services().containsKey(name)) {
                throw new NotFoundException("service", name, "service '" + name + "' is not in stack '" + project.name()
                        + "'; its services are " + String.join(", ", project.services().keySet()), null);
            }
        }
        if (names.isEmpty()) {
            return new LinkedHashSet<>(project.services().keySet());
        }
        return inProjectOrder(project, new HashSet<>(names));
    }

    /** As {@link #of}, with everything the named services depend on, directly or not: what {@code up web} starts. */
    public static Set<String> withDependencies(ComposeProject project, List<String> names) {
        Set<String> chosen = new HashSet<>(of(project, names));
        Deque<String> todo = new ArrayDeque<>(chosen);
        while (!todo.isEmpty()) {
            ComposeProject.Service service = project.services().get(todo.pop());
            for (String dependency : service.dependsOn().keySet()) {
                if (project.services().containsKey(dependency) && chosen.add(dependency)) {
                    todo.push(dependency);
                }
            }
        }
        return inProjectOrder(project, chosen);
    }

    private static Set<String> inProjectOrder(ComposeProject project, Set<String> chosen) {
        Set<String> ordered = new LinkedHashSet<>();
        project.services().keySet().stream().filter(chosen::contains).forEach(ordered::add);
        return ordered;
    }
}
