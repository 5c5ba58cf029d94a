package io.capstan.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.ListContainersCmd;
import com.github.dockerjava.api.model.Container;
import io.capstan.core.error.ConflictException;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Names the containers that keep an image, volume or network from being removed: the engine's refusal names them by
 * id at best, so the refusal is said again with their names.
 */
final class ContainersInUse {
    private ContainersInUse() {
    }

    /**
     * {@code refused} said as {@code KIND 'REF' is used by container(s) NAMES: ADVICE}, naming the containers
     * {@code filter} finds (all of them, running or not); {@code refused} itself when it finds none.
     */
    static ConflictException named(DockerClient client, UnaryOperator<ListContainersCmd> filter, String kind, String ref,
                                   String advice, ConflictException refused) {
        List<String> names;
        try {
            names = filter.apply(client.listContainersCmd().withShowAll(true)).exec().stream()
                    .map(ContainersInUse::name).sorted().toList();
        } catch (RuntimeException unknown) {
            return refused;
        }
        if (names.isEmpty()) {
            return refused;
        }
        boolean one = names.size() == 1;
        return new ConflictException(kind + " '" + ref + "' is used by container" + (one ? " " : "s ")
                + String.join(", ", names) + ": " + advice.replace("{them}", one ? "it" : "them"), refused);
    }

    private static String name(Container container) {
        String[] names = container.getNames();
        return names == null || names.length == 0 ? container.getId().substring(0, 12) : names[0].replaceFirst("^/", "");
    }
}
