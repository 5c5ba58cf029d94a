package io.capstan.stack.compose;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A stack's compose model read for a Swarm: the model, each service's {@link SwarmDeploy}, the warnings that apply
 * on a Swarm (in place of the model's one-engine ones about {@code deploy:}) and where each key was written.
 *
 * @param where a key path such as {@code services.web.volumes} to its {@code file:line: }
 */
public record SwarmCompose(ComposeProject project, Map<String, SwarmDeploy> deploy, List<String> warnings,
                           UnaryOperator<String> where) {
}
