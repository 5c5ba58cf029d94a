package io.capstan.stack.run;

import io.capstan.core.error.CapstanException;
import io.capstan.core.error.ConfigException;
import io.capstan.core.error.EngineException;
import io.capstan.core.error.EngineUnavailableException;
import io.capstan.core.text.Counted;
import io.capstan.stack.compose.ComposeProject;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one error a failed {@code up} ends with: every failed service and why, in the stack's order, and what became of
 * the containers it created. An engine that stopped answering, or a config error, is reported as itself.
 */
final class UpFailure {
    private UpFailure() {
    }

    static CapstanException of(ComposeProject project, Map<String, Throwable> failures, CreatedByUp created,
                               boolean rolledBack) {
        for (Throwable t : failures.values()) {
            if (t instanceof EngineUnavailableException unavailable) {
                return unavailable;
            }
        }
        String causes = project.services().keySet().stream().filter(failures::containsKey)
                .map(s -> "service '" + s + "' " + describe(failures.get(s))).collect(Collectors.joining("; "));
        long containers = created.containerIds().size();
        String after = rolledBack ? "; removed what this up created: " + UpRollback.summary(created)
                : containers == 0 ? "" : "; the " + Counted.of(containers, "container") + " this up created "
                + (containers == 1 ? "is" : "are") + " left in place "
                + "(see 'ps'; --rollback removes them)";
        Throwable first = failures.values().iterator().next();
        return first instanceof ConfigException config ? config : new EngineException("up failed: " + causes + after, first);
    }

    private static String describe(Throwable t) {
        return t instanceof DependencyFailed ? "was not started: " + t.getMessage() : "failed: " + FailureText.of(t);
    }
}
