package io.capstan.control.replicas;

import io.capstan.control.managed.CreateRequest;
import io.capstan.control.managed.ResourceLimits;
import io.capstan.control.store.DesiredImage;
import io.capstan.core.error.ConflictException;

import java.util.Objects;

/**
 * What a start request makes for an image that has a desired state (and does not set a new one): replicas as that
 * state describes them, so that the reconciler keeps them rather than replacing them. A request that asks for
 * something else (another command, env, ports or limits) is refused rather than quietly overruled.
 */
final class DesiredTemplate {
    private DesiredTemplate() {
    }

    static CreateRequest forStart(CreateRequest asked, DesiredImage desired) {
        CreateRequest template = CreateRequest.of(desired);
        differs("command", !asked.command().isEmpty(), asked.command(), template.command(), desired);
        differs("env", !asked.env().isEmpty(), asked.env(), template.env(), desired);
        differs("ports", !asked.ports().isEmpty(), asked.ports(), template.ports(), desired);
        differs("resources", !asked.resources().isEmpty(), asked.resources(), template.resources(), desired);
        return new CreateRequest(template.image(), template.env(), template.ports(), template.resources(),
                template.command(), asked.name());
    }

    private static void differs(String field, boolean given, Object asked, Object wanted, DesiredImage desired) {
        if (given && !Objects.equals(asked, wanted)) {
            throw new ConflictException("image '" + desired.image() + "' has a desired state whose replicas run with "
                    + field + " " + show(wanted) + ", not " + show(asked) + ": leave " + field + " out to start "
                    + "another such replica, or change the desired state (PUT /containers/{image}/desired)");
        }
    }

    private static String show(Object value) {
        if (value instanceof ResourceLimits limits) {
            return limits.toJson().toString();
        }
        return String.valueOf(value);
    }
}
