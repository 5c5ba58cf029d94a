package io.capstan.stack.run;

import io.capstan.core.text.Counted;
import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.error.CapstanException;
import io.capstan.core.error.ConfigException;
import io.capstan.core.error.ConflictException;
import io.capstan.core.error.EngineException;
import io.capstan.core.error.EngineUnavailableException;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.label.Labels;
import io.capstan.core.model.ContainerInfo;
import io.capstan.core.model.ContainerSummary;
import io.capstan.core.readiness.ContainerState;
import io.capstan.core.readiness.Readiness;
import io.capstan.core.readiness.ReadyWhen;
import io.capstan.core.spec.ContainerSpec;
import io.capstan.core.spec.ImageBuild;
import io.capstan.core.spec.NetworkSpec;
import io.capstan.core.spec.RestartPolicy;
import io.capstan.core.spec.VolumeSpec;
import io.capstan.stack.compose.ComposeProject;
import io.capstan.stack.compose.ComposeProject.Condition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * Runs a compose project on an engine, natively through the SPI: Capstan is its own compose engine. Everything it
 * creates carries the stack's labels; it lists, changes and removes only what carries them.
 */
public final class StackRunner {
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration SETTLE = Duration.ofMillis(200);

    private final ContainerEngine engine;
    private final ComposeProject project;
    private final StackProgress progress;
    private final DependencyGraph graph;
    private final ServiceHooks hooks;
    private final Map<String, String> originLabels;

    public StackRunner(ContainerEngine engine, ComposeProject project, StackProgress progress) {
        this(engine, project, progress, Map.of());
    }

    /** @param originLabels put on every container this runner creates, to say where the stack came from */
    public StackRunner(ContainerEngine engine, ComposeProject project, StackProgress progress,
                       Map<String, String> originLabels) {
        this.engine = engine;
        this.project = project;
        this.progress = progress;
        this.graph = new DependencyGraph(project);
        this.hooks = new ServiceHooks(engine, project, progress);
        this.originLabels = originLabels;
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

    // ---- plan ---------------------------------------------------------------------------------------------------------

    /** The plan {@code up} would carry out; images that must be built first count as changed. */
    public StackPlan plan() {
        return new StackPlanner(engine, project, originLabels).plan(imageIds(false, project.services().keySet()));
    }

    /** Ids of the services' images; a missing image without {@code build:} is an error naming the service. */
    private Map<String, String> imageIds(boolean mustExist, Set<String> services) {
        Map<String, String> ids = new LinkedHashMap<>();
        Map<String, String> byImage = new java.util.HashMap<>(); // services often share an image: ask once
        for (ComposeProject.Service service : project.services().values()) {
            if (!services.contains(service.name())) {
                continue;
            }
            try {
                String image = service.image();
                ids.put(service.name(), byImage.containsKey(image) ? byImage.get(image)
                        : byImage.computeIfAbsent(image, i -> engine.images().inspect(i).id()));
            } catch (NotFoundException missing) {
                if (service.build() == null || mustExist) {
                    throw new NotFoundException("image", service.image(), service.location() + ": service '" + service.name()
                            + "' uses image '" + service.image() + "', which is not on the engine and has no build: "
                            + "build, import or pull it first", missing);
                }
                ids.put(service.name(), "");
            }
        }
        return ids;
    }

    // ---- up -----------------------------------------------------------------------------------------------------------

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
        buildImages(options.build(), chosen);
        StackPlan plan = new StackPlanner(engine, project, originLabels).plan(imageIds(true, chosen));
        List<String> created = Collections.synchronizedList(new ArrayList<>());
        NetworkModeTargets.check(engine, project);
        ensureNetworksAndVolumes(created);
        Map<String, Throwable> failures = new ConcurrentHashMap<>();
        Map<String, CompletableFuture<Void>> done = new LinkedHashMap<>();
        project.services().keySet().forEach(s -> done.put(s, new CompletableFuture<>()));
        try (StartWatch watch = new StartWatch(engine, project.name())) {
            try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
                for (ComposeProject.Service service : project.services().values()) {
                    if (!chosen.contains(service.name())) {
                        continue;
                    }
                    executor.submit(() -> {
                        try {
                            awaitDependencies(service, done, options.timeout());
                            apply(service, plan.actionsFor(service.name()), created, watch);
                            done.get(service.name()).complete(null);
                        } catch (Throwable t) {
                            Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
                            failures.putIfAbsent(service.name(), cause);
                            progress.update(service.name(), "failed", message(cause));
                            done.get(service.name()).completeExceptionally(cause);
                        }
                    });
                }
            }
            if (failures.isEmpty()) {
                failures.putAll(exitedAtOnce(watch));
            }
        }
        if (failures.isEmpty() && options.waitHealthy()) {
            waitHealthy(options.timeout(), failures, chosen);
        }
        List<StackPlan.Orphan> orphansLeft = new ArrayList<>(plan.orphans());
        if (options.removeOrphans()) {
            new ContainerRemoval(engine, false).remove(plan.orphans().stream().map(StackPlan.Orphan::containerId).toList(),
                    Duration.ofSeconds(10));
            orphansLeft.clear();
        }
        if (!failures.isEmpty()) {
            if (options.rollback()) {
                rollBack(created);
            }
            throw failure(failures, created, options.rollback());
        }
        return new UpResult(List.copyOf(created), orphansLeft, plan);
    }

    /** What up created is recorded as container ids and as "network:NAME" / "volume:NAME"; the containers. */
    private static List<String> containerIds(List<String> created) {
        return created.stream().filter(c -> !c.startsWith("network:") && !c.startsWith("volume:")).toList();
    }

    private static List<String> createdNamed(List<String> created, String kind) {
        return created.stream().filter(c -> c.startsWith(kind + ":")).map(c -> c.substring(kind.length() + 1)).toList();
    }

    /** Removes what this up created: its containers, then the networks and volumes it made (none it found). */
    private void rollBack(List<String> created) {
        new ContainerRemoval(engine, true).remove(containerIds(created), Duration.ZERO); // and their anonymous volumes
        createdNamed(created, "network").forEach(new ProjectResources(engine)::removeNetwork);
        createdNamed(created, "volume").forEach(name -> ignoringNotFound(() -> engine.volumes().remove(name)));
    }

    /** Builds the images of the services with {@code build:} that are missing ({@code force}: all of them). */
    public void buildImages(boolean force) {
        buildImages(force, project.services().keySet());
    }

    private void buildImages(boolean force, Set<String> services) {
        for (ComposeProject.Service service : project.services().values()) {
            if (service.build() == null || !services.contains(service.name())) {
                continue;
            }
            if (!force && service.pullPolicy() != ComposeProject.PullPolicy.BUILD && exists(service.image())) {
                continue;
            }
            progress.update(service.name(), "building", service.image());
            ComposeProject.Build b = service.build();
            Map<String, String> labels = new LinkedHashMap<>(b.labels());
            labels.putAll(StackLabels.forBuiltImage(project.name(), service.name()));
            List<String> tags = new ArrayList<>(List.of(service.image()));
            b.tags().stream().filter(t -> !tags.contains(t)).forEach(tags::add);
            try {
                engine.images().build(new ImageBuild(b.context(), b.dockerfile(), tags, b.args(), b.target(), labels,
                        b.options()), line -> { });
            } catch (CapstanException e) {
                progress.update(service.name(), "failed", e.getMessage());
                throw new EngineException("service '" + service.name() + "': building " + service.image() + " failed: "
                        + e.getMessage(), e);
            }
        }
    }

    private boolean exists(String image) {
        try {
            engine.images().inspect(image);
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private void ensureNetworksAndVolumes(List<String> created) {
        Map<String, String> labels = StackLabels.forStack(project.name());
        for (ComposeProject.Network network : project.networks().values()) {
            ensure("network", network.name(), network.external(), () -> engine.networks().inspect(network.name()).labels(),
                    () -> engine.networks().create(new NetworkSpec(network.name(), network.driver(),
                            merged(labels, network.labels()), network.internal(), network.driverOpts(), network.ipam(),
                            network.enableIpv6(), network.attachable())), created);
        }
        for (ComposeProject.Volume volume : project.volumes().values()) {
            ensure("volume", volume.name(), volume.external(), () -> engine.volumes().inspect(volume.name()).labels(),
                    () -> engine.volumes().create(new VolumeSpec(volume.name(), volume.driver(),
                            merged(labels, volume.labels()), volume.driverOpts())), created);
        }
    }

    private void ensure(String kind, String name, boolean external, java.util.function.Supplier<Map<String, String>> inspect,
                        Runnable create, List<String> created) {
        Map<String, String> existing;
        try {
            existing = inspect.get();
        } catch (NotFoundException missing) {
            if (external) {
                throw new NotFoundException(kind, name, "external " + kind + " '" + name + "' does not exist: create it "
                        + "first, or drop 'external: true' to let Capstan create it", missing);
            }
            create.run();
            created.add(kind + ":" + name);
            return;
        }
        if (!external && !project.name().equals(existing.get(Labels.STACK))) {
            throw new ConflictException(kind + " '" + name + "' already exists and does not belong to stack '"
                    + project.name() + "': mark it 'external: true' to use it, or give this stack's " + kind + " another name");
        }
    }

    private static Map<String, String> merged(Map<String, String> a, Map<String, String> b) {
        Map<String, String> result = new LinkedHashMap<>(b);
        result.putAll(a);
        return result;
    }

    private void awaitDependencies(ComposeProject.Service service, Map<String, CompletableFuture<Void>> done, Duration timeout) {
        for (Map.Entry<String, Condition> dependency : service.dependsOn().entrySet()) {
            String name = dependency.getKey();
            try {
                done.get(name).join();
            } catch (CompletionException e) {
                throw new DependencyFailed("it depends on '" + name + "', which failed");
            }
            if (dependency.getValue() != Condition.SERVICE_STARTED) {
                progress.update(service.name(), "waiting", "for " + name + " to be "
                        + (dependency.getValue() == Condition.SERVICE_HEALTHY ? "healthy" : "completed"));
                awaitCondition(name, dependency.getValue(), timeout);
            }
        }
    }

    private void awaitCondition(String dependency, Condition condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ContainerInfo> containers = containersOf(dependency).stream()
                    .map(c -> engine.containers().inspect(c.id())).toList();
            if (containers.isEmpty()) {
                throw new DependencyFailed("'" + dependency + "' has no containers to wait for");
            }
            ReadyWhen readyWhen = condition == Condition.SERVICE_HEALTHY ? ReadyWhen.HEALTHY : ReadyWhen.COMPLETED_SUCCESSFULLY;
            boolean satisfied = true;
            for (ContainerInfo c : containers) {
                Readiness readiness = readyWhen.check(ContainerState.of(c));
                if (readiness.isFailure()) {
                    throw new DependencyFailed(switch (readiness) {
                        case NO_HEALTHCHECK -> "it waits for '" + dependency + "' to be healthy, but '" + dependency + "' has no healthcheck";
                        case UNHEALTHY -> "'" + dependency + "' is unhealthy";
                        case STOPPED -> "'" + dependency + "' exited with code " + c.exitCode() + " before it was healthy";
                        default -> "'" + dependency + "' did not complete successfully (exit code " + c.exitCode() + ")";
                    });
                }
                satisfied &= readiness == Readiness.READY;
            }
            if (satisfied) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new DependencyFailed("gave up waiting for '" + dependency + "' after " + timeout.toSeconds() + " s");
            }
            sleep(POLL);
        }
    }

    private void apply(ComposeProject.Service service, List<StackPlan.Action> actions, List<String> created, StartWatch watch) {
        if (actions.stream().allMatch(a -> a instanceof StackPlan.Keep)) {
            progress.update(service.name(), "running", "unchanged");
            return;
        }
        List<CompletableFuture<Void>> replicas = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (StackPlan.Action action : actions) {
                replicas.add(CompletableFuture.runAsync(() -> apply(service, action, created, watch), executor));
            }
            CompletableFuture.allOf(replicas.toArray(CompletableFuture[]::new)).join();
        }
        progress.update(service.name(), "running", "");
    }

    private void apply(ComposeProject.Service service, StackPlan.Action action, List<String> created, StartWatch watch) {
        switch (action) {
            case StackPlan.Keep keep -> { }
            case StackPlan.Start start -> {
                progress.update(service.name(), "starting", start.name());
                engine.containers().start(start.containerId());
                watch.started(start.containerId(), service.name());
                hooks.postStart(service.name(), start.containerId());
            }
            case StackPlan.Remove remove -> {
                progress.update(service.name(), "removing", remove.name());
                engine.containers().remove(remove.containerId(), true, false);
            }
            case StackPlan.Create create -> createAndStart(service, create.spec(), created, watch);
            case StackPlan.Recreate recreate -> {
                progress.update(service.name(), "recreating", String.join(", ", recreate.changed()) + " changed");
                hooks.preStop(service.name(), recreate.containerId());
                engine.containers().stop(recreate.containerId(), gracePeriod(service.name(), null));
                engine.containers().remove(recreate.containerId(), true, false);
                createAndStart(service, recreate.spec(), created, watch);
            }
        }
    }

    private void createAndStart(ComposeProject.Service service, ContainerSpec spec, List<String> created, StartWatch watch) {
        progress.update(service.name(), "creating", spec.name());
        String id = engine.containers().create(spec);
        created.add(id);
        progress.update(service.name(), "starting", spec.name());
        engine.containers().start(id);
        watch.started(id, service.name());
        hooks.postStart(service.name(), id);
    }

    /**
     * A container whose process fails right away (a wrong command, a missing file) is a failure of its service,
     * unless the service has a restart policy (the engine retries it: a common way to wait for a dependency) or
     * other services wait for it to complete (they report how it ended). One short wait per run at most: until the
     * last container started has been up for {@link #SETTLE}.
     */
    private Map<String, Throwable> exitedAtOnce(StartWatch watch) {
        Map<String, Throwable> failures = new LinkedHashMap<>();
        try {
            watch.failedAtOnce(SETTLE).forEach((id, died) -> {
                ComposeProject.Service service = project.services().get(died.service());
                boolean restarts = service.restart() != null && service.restart().mode() != RestartPolicy.Mode.NO;
                boolean waitedOn = project.services().values().stream()
                        .anyMatch(s -> s.dependsOn().get(died.service()) == Condition.SERVICE_COMPLETED_SUCCESSFULLY);
                if (!restarts && !waitedOn) {
                    String message = "exited at once with code " + died.exitCode() + lastLogLine(id);
                    progress.update(died.service(), "failed", message);
                    failures.putIfAbsent(died.service(), new EngineException(message));
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted", e);
        }
        return failures;
    }

    private String lastLogLine(String container) {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        try (var logs = engine.containers().logs(container, new io.capstan.core.engine.LogOptions(false, 3, false),
                l -> lines.add(l.text()))) {
            logs.awaitCompletion(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (CapstanException ignored) {
            // the exit code alone still says what happened
        }
        return lines.isEmpty() ? "" : " (" + String.join(" / ", lines) + ")";
    }

    private void waitHealthy(Duration timeout, Map<String, Throwable> failures, Set<String> chosen) {
        for (ComposeProject.Service service : project.services().values()) {
            if (!chosen.contains(service.name()) || service.healthCheck() == null
                    || service.healthCheck().test().equals(List.of("NONE")) || service.healthCheck().keepsImageTest()) {
                continue;
            }
            progress.update(service.name(), "waiting healthy", "");
            try {
                awaitCondition(service.name(), Condition.SERVICE_HEALTHY, timeout);
                progress.update(service.name(), "healthy", "");
            } catch (DependencyFailed e) {
                failures.put(service.name(), e);
                progress.update(service.name(), "failed", e.getMessage());
            }
        }
    }

    private CapstanException failure(Map<String, Throwable> failures, List<String> created, boolean rolledBack) {
        for (Throwable t : failures.values()) {
            if (t instanceof EngineUnavailableException unavailable) {
                return unavailable;
            }
        }
        String causes = project.services().keySet().stream().filter(failures::containsKey)
                .map(s -> "service '" + s + "' " + describe(failures.get(s))).collect(Collectors.joining("; "));
        long containers = containerIds(created).size();
        String after = rolledBack ? "; removed what this up created: " + rolledBackSummary(created)
                : containers == 0 ? "" : "; the " + Counted.of(containers, "container") + " this up created "
                + (containers == 1 ? "is" : "are") + " left in place "
                + "(see 'ps'; --rollback removes them)";
        Throwable first = failures.values().iterator().next();
        return first instanceof ConfigException config ? config : new EngineException("up failed: " + causes + after, first);
    }

    private static String rolledBackSummary(List<String> created) {
        int networks = createdNamed(created, "network").size();
        int volumes = createdNamed(created, "volume").size();
        return Counted.of(containerIds(created).size(), "container")
                + (networks > 0 ? ", " + Counted.of(networks, "network") : "")
                + (volumes > 0 ? ", " + Counted.of(volumes, "volume") : "");
    }

    private static String describe(Throwable t) {
        return t instanceof DependencyFailed ? "was not started: " + t.getMessage() : "failed: " + message(t);
    }

    private static String message(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    // ---- down ---------------------------------------------------------------------------------------------------------

    /**
     * Stops and removes the stack's containers, dependents before what they depend on: a service stops as soon as
     * every service depending on it has stopped, and nothing waits for unrelated services. Then its networks, and
     * with {@code volumes} its volumes, the containers' anonymous ones included. A zero timeout kills every container at once: with no grace period no
     * process can shut down cleanly, so the order would only cost one round trip per level of the graph.
     *
     * @param timeout the grace period of every container, or null for each service's {@code stop_grace_period}
     */
    public void down(Duration timeout, boolean volumes) {
        Map<String, List<ContainerSummary>> byService = stackContainers().stream()
                .collect(Collectors.groupingBy(c -> c.labels().getOrDefault(Labels.SERVICE, ""), LinkedHashMap::new, Collectors.toList()));
        Map<String, CompletableFuture<Void>> stopped = new ConcurrentHashMap<>();
        byService.keySet().forEach(s -> stopped.put(s, new CompletableFuture<>()));
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        boolean killAtOnce = timeout != null && timeout.isZero();
        ContainerRemoval removal = new ContainerRemoval(engine, volumes);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (var entry : byService.entrySet()) {
                executor.submit(() -> {
                    try {
                        for (String dependent : killAtOnce ? Set.<String>of() : graph.dependentsOf(entry.getKey())) {
                            CompletableFuture<Void> f = stopped.get(dependent);
                            if (f != null) {
                                f.exceptionally(t -> null).join();
                            }
                        }
                        progress.update(entry.getKey(), "stopping", "");
                        if (!killAtOnce) {
                            entry.getValue().forEach(c -> hooks.preStop(entry.getKey(), c.id()));
                        }
                        removal.remove(entry.getValue().stream().map(ContainerSummary::id).toList(),
                                gracePeriod(entry.getKey(), timeout));
                        progress.update(entry.getKey(), "removed", "");
                        stopped.get(entry.getKey()).complete(null);
                    } catch (Throwable t) {
                        errors.add(t);
                        progress.update(entry.getKey(), "failed", message(t));
                        stopped.get(entry.getKey()).completeExceptionally(t);
                    }
                });
            }
        }
        if (!errors.isEmpty()) {
            throw errors.getFirst() instanceof CapstanException c ? c : new EngineException("down failed: " + message(errors.getFirst()), errors.getFirst());
        }
        new ProjectResources(engine).remove(project.name(), volumes);
    }

    private Duration gracePeriod(String service, Duration timeout) {
        return GracePeriod.of(project, service, timeout);
    }

    /**
     * Stops the stack's containers (all at once) without removing them: what Ctrl-C after a foreground up does.
     *
     * @param timeout the grace period of every container, or null for each service's {@code stop_grace_period}
     */
    public void stop(Duration timeout) {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (ContainerSummary c : stackContainers()) {
                String service = c.labels().getOrDefault(Labels.SERVICE, "");
                Duration grace = gracePeriod(service, timeout);
                executor.submit(() -> ignoringNotFound(() -> {
                    if (!grace.isZero()) {
                        hooks.preStop(service, c.id());
                    }
                    engine.containers().stop(c.id(), grace);
                }));
            }
        }
    }

    /**
     * Streams the logs of the stack's containers (of {@code services} only, when given) to {@code sink}, each line
     * prefixed by its container's service and replica; with {@code follow} until the returned handle is closed.
     */
    public List<io.capstan.core.engine.Subscription> logs(List<String> services, boolean follow,
                                                          java.util.function.BiConsumer<String, io.capstan.core.model.LogLine> sink) {
        return new ServiceLogs(engine, project).stream(services, new io.capstan.core.engine.LogOptions(follow, -1, false), sink);
    }

    // ---- clean ----------------------------------------------------------------------------------------------------------

    /** {@code down} with volumes, plus the images this stack's {@code build:} sections made. */
    public void clean(Duration timeout) {
        down(timeout, true);
        for (ComposeProject.Service service : project.services().values()) {
            if (service.build() != null) {
                ignoringNotFound(() -> engine.images().remove(service.image(), true));
                progress.update(service.name(), "image removed", service.image());
            }
        }
    }

    // ---- status ---------------------------------------------------------------------------------------------------------

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

    private List<ContainerSummary> containersOf(String service) {
        Map<String, String> labels = new LinkedHashMap<>(StackLabels.filter(project.name()));
        labels.put(Labels.SERVICE, service);
        return engine.containers().list(ContainerFilter.allWithLabels(labels));
    }

    private static void ignoringNotFound(Runnable action) {
        try {
            action.run();
        } catch (NotFoundException gone) {
            // already removed: that is what was wanted
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted", e);
        }
    }

    /** A service that could not start because of one of its dependencies. */
    static final class DependencyFailed extends RuntimeException {
        DependencyFailed(String message) {
            super(message);
        }
    }
}
