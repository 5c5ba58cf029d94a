package io.capstan.core.readiness;

/** Where a container stands against what is waited for ({@link ReadyWhen}). */
public enum Readiness {
    READY,
    /** not yet: ask again */
    WAITING,
    /** healthy was asked for of a container that has no healthcheck: it never will be */
    NO_HEALTHCHECK,
    /** its healthcheck failed */
    UNHEALTHY,
    /** it does not run (exited, dead, never started) though it was meant to */
    STOPPED,
    /** it exited with a code other than 0 */
    EXITED_WITH_ERROR;

    /** Whether waiting longer cannot help. */
    public boolean isFailure() {
        return this != READY && this != WAITING;
    }
}
