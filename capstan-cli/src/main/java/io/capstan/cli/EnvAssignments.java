package io.capstan.cli;

import io.capstan.core.error.InvalidSpecException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code -e KEY=VALUE} and {@code -e KEY} (this environment's value, left out when unset), as Docker reads them. */
final class EnvAssignments {
    private EnvAssignments() {
    }

    /** The variables {@code assignments} set, in order, later ones over earlier ones. */
    static Map<String, String> parse(List<String> assignments, Map<String, String> environment) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String assignment : assignments) {
            int eq = assignment.indexOf('=');
            if (eq == 0 || assignment.isEmpty()) {
                throw new InvalidSpecException("invalid -e '" + assignment + "': expected KEY=VALUE or KEY");
            }
            if (eq > 0) {
                variables.put(assignment.substring(0, eq), assignment.substring(eq + 1));
            } else if (environment.get(assignment) != null) {
                variables.put(assignment, environment.get(assignment));
            }
        }
        return variables;
    }
}
