package io.capstan.kubernetes.workload;

import io.capstan.core.workload.UpdatePolicy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An update or rollback policy as an annotation's text, such as
 * {@code parallelism=1 delay=PT0S order=start_first failure=pause monitor=PT5S}: a rollout strategy keeps only part of
 * it, and the spec is read back whole.
 */
final class PolicyText {
    private PolicyText() {
    }

    static String write(UpdatePolicy p) {
        return "parallelism=" + p.parallelism() + " delay=" + p.delay() + " order=" + p.order().name().toLowerCase(Locale.ROOT)
                + " failure=" + p.failureAction().name().toLowerCase(Locale.ROOT)
                + (p.monitor() == null ? "" : " monitor=" + p.monitor());
    }

    /** The policy an annotation holds; a missing or unreadable one is the default. */
    static UpdatePolicy read(String text) {
        if (text == null || text.isBlank()) {
            return UpdatePolicy.DEFAULT;
        }
        Map<String, String> parts = new HashMap<>();
        for (String part : text.strip().split("\\s+")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                parts.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        try {
            return new UpdatePolicy(Integer.parseInt(parts.getOrDefault("parallelism", "1")),
                    Duration.parse(parts.getOrDefault("delay", "PT0S")),
                    UpdatePolicy.Order.valueOf(parts.getOrDefault("order", "stop_first").toUpperCase(Locale.ROOT)),
                    UpdatePolicy.FailureAction.valueOf(parts.getOrDefault("failure", "pause").toUpperCase(Locale.ROOT)),
                    parts.containsKey("monitor") ? Duration.parse(parts.get("monitor")) : null);
        } catch (RuntimeException unreadable) {
            return UpdatePolicy.DEFAULT;
        }
    }
}
