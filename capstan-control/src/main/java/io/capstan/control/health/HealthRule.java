package io.capstan.control.health;

/**
 * Classifies a container's usage: {@code healthy} below {@code warning} percent of CPU and memory, {@code warning}
 * from it, {@code critical} from {@code critical}, {@code stopped} when not running. One rule for the API and the
 * monitor alike.
 */
public record HealthRule(double warning, double critical) {
    public static final HealthRule DEFAULT = new HealthRule(75, 90);

    public HealthRule {
        if (!(warning > 0 && warning < critical && critical <= 100)) {
            throw new IllegalArgumentException("need 0 < warning < critical <= 100, got " + warning + " and " + critical);
        }
    }

    public String classify(boolean running, double cpuPercent, double memoryPercent) {
        if (!running) {
            return "stopped";
        }
        double worst = Math.max(cpuPercent, memoryPercent);
        if (worst >= critical) {
            return "critical";
        }
        return worst >= warning ? "warning" : "healthy";
    }
}
