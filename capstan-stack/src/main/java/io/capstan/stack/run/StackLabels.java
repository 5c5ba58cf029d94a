package io.capstan.stack.run;

import io.capstan.core.label.Labels;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The labels that mark containers, networks and volumes as a stack's, and read them back. */
public final class StackLabels {
    /** Short hashes of each part of a container's configuration, so that a plan can say which part changed. */
    public static final String CONFIG_KEYS = Labels.CONFIG_KEYS;
    /** The stack config file (absolute, symbolic links resolved) whose {@code up} made a container. */
    public static final String CONFIG_FILE = Labels.STACK_CONFIG_FILE;

    private StackLabels() {
    }

    public static Map<String, String> forStack(String project) {
        Map<String, String> labels = new LinkedHashMap<>(Labels.owned());
        labels.put(Labels.STACK, project);
        labels.put(Labels.COMPOSE_PROJECT, project);
        return labels;
    }

    public static Map<String, String> forService(String project, String service, int replica) {
        Map<String, String> labels = forStack(project);
        labels.put(Labels.SERVICE, service);
        labels.put(Labels.COMPOSE_SERVICE, service);
        labels.put(Labels.REPLICA, String.valueOf(replica));
        return labels;
    }

    /**
     * Labels for images a stack's {@code build:} made. Containers inherit their image's labels, so these must not be
     * the ownership labels: a container someone else starts from the image is not the stack's.
     */
    public static Map<String, String> forBuiltImage(String project, String service) {
        return Map.of(Labels.IMAGE_STACK, project, Labels.IMAGE_SERVICE, service);
    }

    /** The label that ties a stack's containers to the config file they came from. */
    public static Map<String, String> forConfigFile(Path configFile) {
        return Map.of(CONFIG_FILE, canonical(configFile));
    }

    /** Only the containers Capstan created from {@code configFile}, whatever their project is called. */
    public static Map<String, String> configFileFilter(Path configFile) {
        return Map.of(Labels.OWNER, "true", CONFIG_FILE, canonical(configFile));
    }

    private static String canonical(Path file) {
        try {
            return file.toRealPath().toString();
        } catch (IOException missing) {
            return file.toAbsolutePath().normalize().toString();
        }
    }

    /** Only what Capstan created for this stack: never anything else on the engine. */
    public static Map<String, String> filter(String project) {
        return Map.of(Labels.OWNER, "true", Labels.STACK, project);
    }
}
