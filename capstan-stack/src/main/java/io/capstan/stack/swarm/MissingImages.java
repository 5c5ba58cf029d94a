package io.capstan.stack.swarm;

import io.capstan.core.workload.WorkloadStatus;
import io.capstan.core.workload.WorkloadTask;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The nodes of a swarm that lack an image a service runs, as their rejected tasks tell: an image built on this
 * engine exists on this node only, and without a registry Swarm cannot bring it to the others.
 */
final class MissingImages {
    private static final String NO_SUCH_IMAGE = "No such image";

    private final Map<String, Set<String>> nodesByImage = new TreeMap<>();
    private final Consumer<String> warning;

    MissingImages(Consumer<String> warning) {
        this.warning = warning;
    }

    /** Notes the nodes the service's tasks were rejected on for a missing image; warns once per image and node. */
    void record(WorkloadStatus status) {
        for (WorkloadTask task : status.tasks()) {
            if (!task.error().contains(NO_SUCH_IMAGE) || task.node().isEmpty()) {
                continue;
            }
            String image = task.image().isEmpty() ? status.spec().image() : task.image();
            if (nodesByImage.computeIfAbsent(image, i -> new TreeSet<>()).add(task.node())) {
                warning.accept("node '" + task.node() + "' lacks image '" + image + "': its tasks there are rejected;"
                        + " load the image on that node (docker save | docker load) or push it to a registry every"
                        + " node can reach");
            }
        }
    }

    /** "; nodes lacking image 'x': a, b" for every image some node lacks, or nothing. */
    String summary() {
        StringBuilder text = new StringBuilder();
        nodesByImage.forEach((image, nodes) ->
                text.append("; nodes lacking image '").append(image).append("': ").append(String.join(", ", nodes)));
        return text.toString();
    }
}
