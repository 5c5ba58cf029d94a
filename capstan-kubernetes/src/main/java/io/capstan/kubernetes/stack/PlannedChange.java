package io.capstan.kubernetes.stack;

import java.util.List;

/**
 * What {@code up --target kubernetes} would do to one object.
 *
 * @param kind   such as {@code Deployment}
 * @param name   the object's name
 * @param action what happens to it
 * @param fields for a change: the fields whose values differ, such as {@code spec.replicas}
 */
public record PlannedChange(String kind, String name, Action action, List<String> fields) {
    public enum Action {
        /** not on the cluster yet */
        CREATE,
        /** on the cluster with other values */
        CHANGE,
        /** on the cluster as the stack says */
        UNCHANGED,
        /** on the cluster with the stack's labels but no longer in the stack: removed with {@code --prune} */
        REMOVE,
        /** as {@link #REMOVE}, but kept: {@code --prune} was not given */
        KEEP
    }

    public PlannedChange {
        fields = List.copyOf(fields);
    }

    /** {@code deployment/api}, the way kubectl names objects. */
    public String object() {
        return kind.toLowerCase(java.util.Locale.ROOT) + "/" + name;
    }
}
