package io.capstan.kubernetes.stack;

import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.List;
import java.util.Map;

/**
 * A stack as Kubernetes objects.
 *
 * @param objects  in the order they are applied: stored data and claims first, then services and workloads
 * @param warnings what could not be expressed, one line each with file:line
 * @param renamed  compose names that had to change to be valid Kubernetes names, to those names
 */
public record RenderedStack(List<HasMetadata> objects, List<String> warnings, Map<String, String> renamed) {
}
