package io.capstan.stack.run;

/** A service that could not start because of one of its dependencies (or was not ready in time for --wait). */
final class DependencyFailed extends RuntimeException {
    DependencyFailed(String message) {
        super(message);
    }
}
