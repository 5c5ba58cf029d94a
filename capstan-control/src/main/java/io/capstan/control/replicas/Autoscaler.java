package io.capstan.control.replicas;

import io.capstan.core.text.Counted;
import io.capstan.control.managed.ManagedContainer;
import io.capstan.control.managed.ManagedState;
import io.capstan.control.store.Autoscale;
import io.capstan.control.store.DesiredImage;
import io.capstan.control.store.HealthSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Moves an autoscaled image's replica count between its min and max to hold the target CPU, the way Kubernetes'
 * HPA does: after each health cycle, {@code ceil(replicas * utilisation / target)} (unchanged within 10 % of the
 * target) is the recommendation; it scales up to the lowest recommendation of the scale-up window and down to the
 * highest of the scale-down window, so that a short spike or dip does not make it flap. Each change is an event
 * with its reason.
 */
public final class Autoscaler {
    private static final Logger LOG = LoggerFactory.getLogger(Autoscaler.class);
    /** Within this fraction of the target nothing changes (Kubernetes' default tolerance). */
    static final double TOLERANCE = 0.1;

    record Recommendation(Instant at, int replicas) {
    }

    private final Replicas replicas;
    private final ManagedState state;
    private final Clock clock;
    private final Map<String, Deque<Recommendation>> history = new ConcurrentHashMap<>();

    public Autoscaler(Replicas replicas, ManagedState state, Clock clock) {
        this.replicas = replicas;
        this.state = state;
        this.clock = clock;
    }

    /** Acts on one health cycle's samples. */
    public void observe(List<HealthSnapshot> samples) {
        Instant now = clock.instant();
        for (DesiredImage d : replicas.list()) {
            if (d.autoscale() == null) {
                history.remove(d.image());
                continue;
            }
            List<Double> utilisation = samples.stream()
                    .filter(s -> d.image().equals(s.image()) && !"stopped".equals(s.status()))
                    .map(s -> s.cpuUsage() / cpus(s.containerId()))
                    .toList();
            if (utilisation.isEmpty()) {
                continue;
            }
            double average = utilisation.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            try {
                decide(d, average, utilisation.size(), now);
            } catch (RuntimeException e) {
                LOG.warn("autoscaling {} failed: {}", d.image(), e.getMessage());
            }
        }
        history.keySet().retainAll(replicas.list().stream().map(DesiredImage::image).toList());
    }

    private void decide(DesiredImage d, double average, int sampled, Instant now) {
        Autoscale policy = d.autoscale();
        int current = d.replicas();
        int recommended = Math.clamp(recommend(sampled, average, policy.targetCpuPercent()), d.minReplicas(),
                d.maxReplicas());
        int next = stabilise(d.image(), policy, current, recommended, now);
        if (next != current) {
            replicas.setReplicas(d.image(), next, String.format(Locale.ROOT,
                    "autoscale: CPU %.0f %% of limit over %s, target %.0f %%: %d -> %s",
                    average, Counted.of(sampled, "replica"), policy.targetCpuPercent(), current, Counted.of(next, "replica")));
        }
    }

    /** How many replicas would bring the average to the target; {@code replicas} itself within the tolerance. */
    static int recommend(int replicas, double averagePercent, double targetPercent) {
        double ratio = averagePercent / targetPercent;
        if (Math.abs(ratio - 1) <= TOLERANCE) {
            return replicas;
        }
        return (int) Math.ceil(replicas * ratio);
    }

    /** Kubernetes' stabilisation: up to the window's lowest recommendation, down to its highest. */
    int stabilise(String image, Autoscale policy, int current, int recommended, Instant now) {
        Deque<Recommendation> past = history.computeIfAbsent(image, key -> new ArrayDeque<>());
        synchronized (past) {
            past.addLast(new Recommendation(now, recommended));
            Duration keep = policy.scaleUpWindow().compareTo(policy.scaleDownWindow()) > 0
                    ? policy.scaleUpWindow() : policy.scaleDownWindow();
            while (!past.isEmpty() && past.peekFirst().at().isBefore(now.minus(keep))) {
                past.removeFirst();
            }
            int up = past.stream().filter(r -> !r.at().isBefore(now.minus(policy.scaleUpWindow())))
                    .mapToInt(Recommendation::replicas).min().orElse(recommended);
            int down = past.stream().filter(r -> !r.at().isBefore(now.minus(policy.scaleDownWindow())))
                    .mapToInt(Recommendation::replicas).max().orElse(recommended);
            int next = current;
            if (next < up) {
                next = up;
            }
            if (next > down) {
                next = down;
            }
            return next;
        }
    }

    /** The CPUs a container may use: its limit, or one when unlimited (so that usage reads as percent of a core). */
    private double cpus(String id) {
        return state.get(id).map(ManagedContainer::cpuLimit).filter(l -> l > 0).orElse(1.0);
    }
}
