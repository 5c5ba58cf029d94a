package io.capstan.stack.build;

import io.capstan.stack.config.SecretReference;
import io.capstan.stack.config.StackConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds secrets that would reach a container as literal text. The flattened config keeps a secret as
 * {@code ${VAR}}; code in the container can resolve it only when the container's environment has {@code VAR}.
 * A secret in a service's own settings concerns that service alone; any other concerns every deployed service.
 */
final class SecretPassthrough {
    /** The service settings a key path lies in: {@code framework.services.X}, {@code applications.A.services.X}, {@code services.X}. */
    private static final Pattern OWNER = Pattern.compile(
            "(framework\\.services\\.[^.\\[]+|applications\\.[^.\\[]+\\.services\\.[^.\\[]+|services\\.[^.\\[]+)([.\\[].*)?");
    private static final int NAMED = 5;

    private SecretPassthrough() {
    }

    /** One warning per secret reference that some deployed service's compose environment does not pass. */
    static List<String> warnings(StackConfig config, List<ServicePlan> plans, List<PassedVariables> passed) {
        List<String> warnings = new ArrayList<>();
        for (SecretReference secret : config.secrets()) {
            Matcher owner = OWNER.matcher(secret.keyPath());
            List<String> without = new ArrayList<>();
            for (int i = 0; i < plans.size(); i++) {
                ServicePlan plan = plans.get(i);
                if (owner.matches() && !owner.group(1).equals(plan.service().keyPath())) {
                    continue;
                }
                List<String> lacking = passed.get(i).lacking(secret.variable());
                if (lacking.size() == passed.get(i).byComposeService().size() && !lacking.isEmpty()) {
                    without.add(plan.service().id());
                } else if (!lacking.isEmpty()) {
                    without.add(plan.service().id() + " (" + String.join(", ", lacking) + ")");
                }
            }
            if (!without.isEmpty()) {
                warnings.add(message(config, secret, without));
            }
        }
        return warnings;
    }

    private static String message(StackConfig config, SecretReference secret, List<String> services) {
        String reference = "${" + secret.variable() + "}";
        String names = services.size() <= NAMED ? String.join(", ", services)
                : String.join(", ", services.subList(0, NAMED)) + " and " + (services.size() - NAMED) + " more";
        return config.where(secret.keyPath()) + secret.keyPath() + " is kept as " + reference + " in the flattened "
                + "config.yml, but the compose environment of " + (services.size() == 1 ? "service " : "services ")
                + names + " does not pass " + secret.variable() + ": "
                + (services.size() == 1 ? "its container" : "their containers") + " would read the text " + reference
                + " (add " + secret.variable() + " to the environment)";
    }
}
