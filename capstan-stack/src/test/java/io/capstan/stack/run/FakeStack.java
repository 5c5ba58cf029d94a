package io.capstan.stack.run;

import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.model.ContainerInfo;
import io.capstan.core.model.ContainerSummary;
import io.capstan.stack.compose.ComposeLoader;
import io.capstan.stack.compose.ComposeProject;
import io.capstan.tck.TestImages;
import io.capstan.tck.fake.FakeEngine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Stacks on the in-memory fake engine: compose text in, a runner out, and what the engine was asked to do and the
 * runner reported, for the stack runner's fast tests. The image {@link #IMAGE} exists; nothing else does.
 */
final class FakeStack {
    static final String IMAGE = TestImages.BUSYBOX;
    static final StackRunner.UpOptions ROLLBACK = new StackRunner.UpOptions(false, false, true, false, Duration.ofMinutes(1));

    final FakeEngine engine = new FakeEngine();
    /** Every call to the engine, as {@code operation ref}. */
    final List<String> calls = new CopyOnWriteArrayList<>();
    /** Every progress update of every runner, as {@code service state detail}. */
    final List<String> progress = new CopyOnWriteArrayList<>();
    private final Path dir;
    private final AtomicInteger files = new AtomicInteger();

    FakeStack(Path dir) {
        this.dir = dir;
        engine.addImage(IMAGE);
        engine.observeCalls(call -> calls.add(call.operation() + " " + call.ref()));
    }

    /** Loads compose text as stack {@code name}; a second call with the same name is that stack, changed. */
    ComposeProject project(String name, String compose) {
        try {
            Path file = Files.writeString(dir.resolve("compose-" + files.incrementAndGet() + ".yml"), compose);
            return new ComposeLoader(Map.of(), dir).load(List.of(file), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    StackRunner runner(ComposeProject project) {
        return new StackRunner(engine, project, (service, state, detail) ->
                progress.add(service + " " + state + (detail.isEmpty() ? "" : " " + detail)));
    }

    /** {@code up} on a thread of its own, for a test that drives the fake while up waits. */
    CompletableFuture<StackRunner.UpResult> upInBackground(ComposeProject project, StackRunner.UpOptions options) {
        return CompletableFuture.supplyAsync(() -> runner(project).up(options));
    }

    static String name(ComposeProject project, String service) {
        return new ServiceSpecs(project).containerName(project.services().get(service), 1);
    }

    ContainerInfo container(ComposeProject project, String service) {
        return engine.containers().inspect(name(project, service));
    }

    boolean exists(String container) {
        try {
            engine.containers().inspect(container);
            return true;
        } catch (NotFoundException gone) {
            return false;
        }
    }

    /** The stack's containers, networks and volumes by name, as its labels find them. */
    List<String> resourcesOf(String stack) {
        Map<String, String> labels = StackLabels.filter(stack);
        List<String> all = new ArrayList<>();
        engine.containers().list(ContainerFilter.allWithLabels(labels)).forEach(c -> all.add("container " + c.name()));
        engine.networks().list(labels).forEach(n -> all.add("network " + n.name()));
        engine.volumes().list(labels).forEach(v -> all.add("volume " + v.name()));
        return all;
    }

    /**
     * The calls of the given operations so far, in order, each container id replaced by the name of the container
     * that has it now.
     */
    List<String> callsOf(String... operations) {
        Map<String, String> names = engine.containers().list(ContainerFilter.ALL).stream()
                .collect(Collectors.toMap(ContainerSummary::id, ContainerSummary::name));
        List<String> wanted = Arrays.asList(operations);
        return calls.stream().filter(c -> wanted.contains(c.substring(0, c.indexOf(' ')))).map(c -> {
            String ref = c.substring(c.indexOf(' ') + 1);
            return c.substring(0, c.indexOf(' ') + 1) + names.getOrDefault(ref, ref);
        }).toList();
    }
}
