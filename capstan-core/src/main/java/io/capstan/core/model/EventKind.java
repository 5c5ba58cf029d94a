package io.capstan.core.model;

/**
 * What an {@link EngineEvent} says happened, whatever the engine calls it. Backends map their own verbs; a verb no
 * kind stands for is {@link #OTHER}, and the event keeps the verb itself in {@link EngineEvent#action()}.
 */
public enum EventKind {
    CREATED,
    STARTED,
    /** A stop was asked for; {@link #DIED} follows when the process has ended. */
    STOPPED,
    /** A signal was sent; the process may or may not end. */
    KILLED,
    /** The main process ended: the attributes' {@code exitCode} says how. */
    DIED,
    DESTROYED,
    RESTARTED,
    PAUSED,
    UNPAUSED,
    /** The healthcheck's verdict changed or was given again. */
    HEALTH,
    /** The kernel killed a process for memory. */
    OOM,
    /** Resource limits or restart policy changed. */
    UPDATED,
    RENAMED,
    OTHER
}
