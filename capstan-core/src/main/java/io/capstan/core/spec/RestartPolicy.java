package io.capstan.core.spec;

import io.capstan.core.error.InvalidSpecException;

/**
 * What the engine does when the container's process exits.
 *
 * @param mode       the policy
 * @param maxRetries for {@link Mode#ON_FAILURE}: how many restarts at most (0: unbounded)
 */
public record RestartPolicy(Mode mode, int maxRetries) {
    public enum Mode { NO, ON_FAILURE, UNLESS_STOPPED, ALWAYS }

    public static final RestartPolicy NO = new RestartPolicy(Mode.NO, 0);

    public RestartPolicy {
        if (maxRetries < 0) {
            throw new InvalidSpecException("restart policy retries cannot be negative");
        }
    }

    /** Parses {@code no}, {@code always}, {@code unless-stopped}, {@code on-failure[:N]}. */
    public static RestartPolicy parse(String text) {
        String value = text == null ? "" : text.strip();
        String[] parts = value.split(":", 2);
        Mode mode = switch (parts[0]) {
            case "", "no" -> Mode.NO;
            case "always" -> Mode.ALWAYS;
            case "unless-stopped" -> Mode.UNLESS_STOPPED;
            case "on-failure" -> Mode.ON_FAILURE;
            default -> throw new InvalidSpecException("invalid restart policy '" + text
                    + "': expected no, always, unless-stopped or on-failure[:N]");
        };
        int retries = 0;
        if (parts.length == 2) {
            if (mode != Mode.ON_FAILURE || !parts[1].matches("\\d{1,9}")) {
                throw new InvalidSpecException("invalid restart policy '" + text + "': only on-failure takes a retry count, such as on-failure:3");
            }
            retries = Integer.parseInt(parts[1]);
        }
        return new RestartPolicy(mode, retries);
    }

    /** The engine's name for the mode: {@code on-failure}, {@code unless-stopped}. */
    public String engineName() {
        return mode == Mode.NO ? "no" : mode.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
