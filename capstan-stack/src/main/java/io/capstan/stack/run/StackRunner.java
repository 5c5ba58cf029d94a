package io.capstan.stack.run;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.engine.LogOptions;
import io.capstan.core.engine.Subscription;
import io.capstan.core.model.ContainerSummary;
import io.capstan.core.model.LogLine;
import io.capstan.stack.compose.ComposeProject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Runs a compose project on an engine, natively through the SPI: Capstan is its own compose engine. Everything it
 * creates carries the stack's labels; it lists, changes and removes only what carries them.
 *
 * <p>The verbs the CLI calls, each handed to the class that does that job: {@link ImageBuilds},
 * {@link NetworksAndVolumes}, {@link StackPlanner}, {@link DagRun} (with {@link ReadinessWaits}),
 * {@link UpRollback} and {@link UpFailure}, {@link StackDown}, {@link ServiceLogs}, {@link ServiceStatus}.
 */
public final class StackRunner {
    private final ContainerEngine engine;
    private final ComposeProject project;
    private final StackProgress progress;
    private final ServiceHooks hooks;
    private final Map<String, String> originLabels;
    private final ImageBuilds images;
    private final ReadinessWaits readiness;
    private final StackDown stackDown;

    public StackRunner(ContainerEngine engine, ComposeProject project, StackProgress progress) {
        this(engine, project, progress, Map.of());
    }

    /** @param originLabels put on every container this runner creates, to say where the stack came from */
    public StackRunner(ContainerEngine engine, ComposeProject project, StackProgress progress,
                       Map<String, String> originLabels) {
        this.engine = engine;
        this.project = project;
        this.progress = progress;
        DependencyGraph graph = new DependencyGraph(project);
        this.hooks = new ServiceHooks(engine, project, progress);
        this.originLabels = originLabels;
        this.images = new ImageBuilds(engine, project, progress);
        this.readiness = new ReadinessWaits(engine, project, progress);
        this.stackDown = new StackDown(engine, project, progress, graph, hooks, this::stackContainers);
    }

    /**
     * @param build          build every service with {@code build:} even when its image exists
     * @param removeOrphans  remove containers of services no longer in the stack
     * @param rollback       when something fails, remove what this run created
     * @param waitHealthy    return only when every service with a healthcheck is healthy
     * @param timeout        how long to wait for a dependency's condition (and for --wait)
     */
    public record UpOptions(boolean build, boolean removeOrphans, boolean rollback, boolean waitHealthy, Duration timeout) {
        public static final UpOptions DEFAULT = new UpOptions(false, false, false, false, Duration.ofMinutes(5));
    }

    /** What {@code up} did: containers it created, and orphans it left in place. */
    public record UpResult(List<String> created, List<StackPlan.Orphan> orphansLeft, StackPlan plan) {
    }

    /** The plan {@code up} would carry out; images that must be built first count as changed. */
    public StackPlan plan() {
        return new StackPlanner(engine, project, originLabels)
                .plan(ServiceImageIds.of(engine, project, false, project.services().keySet()));
    }

    public UpResult up(UpOptions options) {
        return up(options, List.of());
    }

    /**
     * {@code up} of the named services and what they depend on (every service when none are named); other services'
     * containers are left as they are, and are not orphans.
     */
    public UpResult up(UpOptions options, List<String> services) {
        Set<String> chosen = ServiceSelection.withDependencies(project, services);
        EngineFit.check(engine, project, progress);
        ImagePulls.apply(engine, project, progress);
        images.build(options.build(), chosen);
        StackPlan plan = new StackPlanner(engine, project, originLabels).plan(ServiceImageIds.of(engine, project, true, chosen));
        CreatedByUp created = new CreatedByUp();
        NetworkModeTargets.check(engine, project);
        new NetworksAndVolumes(engine, project).ensure(created);
        Map<String, Throwable> failures = new DagRun(engine, project, progress, hooks, readiness)
                .run(plan, chosen, options.timeout(), created);
        if (failures.isEmpty() && options.waitHealthy()) {
            readiness.awaitHealthy(options.timeout(), failures, chosen);
        }
        List<StackPlan.Orphan> orphansLeft = new ArrayList<>(plan.orphans());
        if (options.removeOrphans()) {
            new ContainerRemoval(engine, false).remove(plan.orphans().stream().map(StackPlan.Orphan::containerId).toList(),
                    Duration.ofSeconds(10));
            orphansLeft.clear();
        }
        if (!failures.isEmpty()) {
            if (options.rollback()) {
                new UpRollback(engine).rollBack(created);
            }
            throw UpFailure.of(project, failures, created, options.rollback());
        }
        return new UpResult(created.all(), orphansLeft, plan);
    }

    /** Builds the images of the services with {@code build:} that are missing ({@code force}: all of them). */
    public void buildImages(boolean force) {
        images.build(force, project.services().keySet());
    }

    /**
     * Stops and removes the stack's containers, dependents before what they depend on: a service stops as soon as
     * every service depending on it has stopped, and nothing waits for unrelated services. Then its networks, and
     * with {@code volumes} its volumes, the containers' anonymous ones included. A zero timeout kills every container at once: with no grace period no
     * process can shut down cleanly, so the order would only cost one round trip per level of the graph.
     *
     * @param timeout the grace period of every container, or null for each service's {@code stop_grace_period}
     */
    public void down(Duration timeout, boolean volumes) {
        stackDown.down(timeout, volumes);
    }

    /**
     * Stops the stack's containers (all at once) without removing them: what Ctrl-C after a foreground up does.
     *
     * @param timeout the grace period of every container, or null for each service's {@code stop_grace_period}
     */
    public void stop(Duration timeout) {
        stackDown.stop(timeout);
    }

    /**
     * Streams the logs of the stack's containers (of {@code services} only, when given) to {@code sink}, each line
     * prefixed by its container's service and replica; with {@code follow} until the returned handle is closed.
     */
    public List<Subscription> logs(List<String> services, boolean follow, BiConsumer<String, LogLine> sink) {
        return new ServiceLogs(engine, project).stream(services, new LogOptions(follow, -1, false), sink);
    }

    /** {@code down} with volumes, plus the images this stack's {@code build:} sections made. */
    public void clean(Duration timeout) {
        down(timeout, true);
        images.removeBuilt();
    }

    /** One row per container of the stack. */
    public record Row(String service, String container, String state, String health, String ports) {
    }

    /** Every container of the stack, stopped ones too. */
    public List<Row> ps() {
        return new ServiceStatus(engine, project).rows(true, List.of());
    }

    public List<ContainerSummary> stackContainers() {
        return engine.containers().list(ContainerFilter.allWithLabels(StackLabels.filter(project.name())));
    }
}
