package io.capstan.kubernetes.stack;

import java.util.List;
import java.util.Map;

/**
 * A stack as Kubernetes manifests.
 *
 * @param manifests in the order they are applied: stored data and claims first, then services and workloads
 * @param warnings  what could not be expressed, one line each with file:line
 * @param renamed   compose names that had to change to be valid Kubernetes names, to those names
 */
public record RenderedStack(List<Manifest> manifests, List<String> warnings, Map<String, String> renamed) {

    /**
     * One object.
     *
     * @param file the file it is written to, such as {@code deployment-web.yaml}
     * @param yaml its YAML document
     */
    public record Manifest(String kind, String name, String file, String yaml) {
    }

    /** All manifests as one YAML stream, each document started by {@code ---}. */
    public String stream() {
        StringBuilder out = new StringBuilder();
        manifests.forEach(m -> out.append("---\n").append(m.yaml()));
        return out.toString();
    }
}
