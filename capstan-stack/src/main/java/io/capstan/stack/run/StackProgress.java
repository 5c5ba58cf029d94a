package io.capstan.stack.run;

/** Where a running verb reports what each service is doing: building, creating, starting, running, failed, ... */
@FunctionalInterface
public interface StackProgress {
    StackProgress NONE = (service, state, detail) -> { };

    /** @param detail more words for the state (an error message, a container name), or empty */
    void update(String service, String state, String detail);

    /** Something the user should know that does not stop the verb, such as a setting the engine ignores. */
    default void warning(String text) {
    }
}
