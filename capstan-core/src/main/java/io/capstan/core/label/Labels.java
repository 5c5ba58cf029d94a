package io.capstan.core.label;

/**
 * Label keys Capstan puts on what it creates. Labels are the source of truth for ownership: Capstan adopts
 * and acts only on objects that carry them.
 */
public final class Labels {
    /** Present (value {@code true}) on everything Capstan creates. */
    public static final String OWNER = "io.capstan.owner";
    public static final String STACK = "io.capstan.stack";
    public static final String SERVICE = "io.capstan.service";
    public static final String REPLICA = "io.capstan.replica";
    public static final String CONFIG_HASH = "io.capstan.config-hash";
    /** The control plane's label for managed containers; the value is the image, as the seed system writes it. */
    public static final String MANAGED_BY = "managed-by";
    public static final String COMPOSE_PROJECT = "com.docker.compose.project";
    public static final String COMPOSE_SERVICE = "com.docker.compose.service";

    private Labels() {
    }

    /** The labels that mark an object as Capstan's. */
    public static java.util.Map<String, String> owned() {
        return java.util.Map.of(OWNER, "true");
    }

    public static boolean isOwned(java.util.Map<String, String> labels) {
        return labels != null && "true".equals(labels.get(OWNER));
    }
}
