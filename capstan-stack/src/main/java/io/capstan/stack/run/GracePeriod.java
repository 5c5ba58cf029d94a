package io.capstan.stack.run;

import io.capstan.stack.compose.ComposeProject;

import java.time.Duration;

/** How long a stop of a service's container waits before it kills: {@code -t} when given, else the service's own. */
final class GracePeriod {
    /** The grace period of a service that sets no stop_grace_period, as in Docker Compose. */
    static final Duration DEFAULT = Duration.ofSeconds(10);

    private GracePeriod() {
    }

    /**
     * {@code timeout} when given (down -t), else the service's {@code stop_grace_period}, else 10 s. A service no
     * longer in the stack gets the default.
     */
    static Duration of(ComposeProject project, String service, Duration timeout) {
        if (timeout != null) {
            return timeout;
        }
        ComposeProject.Service s = project.services().get(service);
        Duration grace = s == null ? null : s.settings().process().stopGracePeriod();
        return grace == null ? DEFAULT : grace;
    }
}
