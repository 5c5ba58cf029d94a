package io.capstan.control.managed;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.label.Labels;
import io.capstan.core.model.ContainerSummary;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the control plane finds its containers on an engine. It adopts by the engine-neutral identity (the image's
 * hash and full name) and still by the seed's {@code managed-by} alone, for containers made before the pair. An
 * engine joins label filters with AND, so "the pair or the seed's label" is two queries, or one broader filter that
 * {@link ManagedState#isManaged} narrows.
 */
public final class ManagedQueries {
    /**
     * The engine's event filter. The control plane writes the seed's label on every container it makes, so filtering
     * by it sees them all, without the events of every stack and kernel container (a healthcheck's exec events each
     * run) reaching the server to be dropped there.
     */
    public static final Map<String, String> EVENTS = Map.of(Labels.OWNER, "true", Labels.MANAGED_BY, "");
    private static final List<Map<String, String>> EITHER_IDENTITY = List.of(
            Map.of(Labels.OWNER, "true", Labels.MANAGED_IMAGE_HASH, ""),
            Map.of(Labels.OWNER, "true", Labels.MANAGED_BY, ""));

    private ManagedQueries() {
    }

    /** Every managed container on the engine, each once. */
    public static List<ContainerSummary> list(ContainerEngine engine) {
        Map<String, ContainerSummary> byId = new LinkedHashMap<>();
        for (Map<String, String> labels : EITHER_IDENTITY) {
            for (ContainerSummary c : engine.containers().list(ContainerFilter.allWithLabels(labels))) {
                if (ManagedState.isManaged(c.labels())) {
                    byId.putIfAbsent(c.id(), c);
                }
            }
        }
        return List.copyOf(byId.values());
    }

    /**
     * The filter for writable-layer sizes, of one image's containers or all (image null). Only Docker reports these
     * sizes, and the control plane writes the seed's label there on every container, so one query by it finds them
     * all; asking twice would have the engine compute every size twice.
     */
    public static Map<String, String> sizesOf(String image) {
        return Map.of(Labels.OWNER, "true", Labels.MANAGED_BY, image == null ? "" : image);
    }
}
