package io.capstan.kubernetes.stack;

import java.util.List;

/**
 * A service of a stack on the cluster: its Deployment or DaemonSet and their pods.
 *
 * @param service the compose service it came from
 * @param kind    {@code Deployment} or {@code DaemonSet}
 * @param ready   pods ready, as its status says
 * @param desired pods wanted
 */
public record StackWorkload(String service, String kind, String name, int ready, int desired, List<Pod> pods) {
    public StackWorkload {
        pods = List.copyOf(pods);
    }

    /**
     * @param status   its phase ({@code Running}, {@code Pending}, ...), or why its container waits ({@code ImagePullBackOff})
     * @param restarts how often its container was restarted
     */
    public record Pod(String name, String status, boolean ready, String node, int restarts) {
    }
}
