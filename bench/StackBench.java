import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.Engines;
import io.capstan.core.label.Labels;
import io.capstan.core.spec.ContainerSpec;
import io.capstan.core.spec.NetworkSpec;
import io.capstan.core.spec.PortMapping;
import io.capstan.stack.GeneratedStack;
import io.capstan.stack.StackGenerator;
import io.capstan.stack.compose.ComposeLoader;
import io.capstan.stack.compose.ComposeProject;
import io.capstan.stack.run.StackProgress;
import io.capstan.stack.run.StackRunner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

/**
 * Measurements the run benchmark takes inside one JVM.
 *   floor CONFIG  — the engine floor: the stack's containers created and started by parallel direct API calls
 *                   (no ordering), then removed by forced parallel removal; prints "UP_MS DOWN_MS"
 *   noop CONFIG   — the stack is up; times 5 in-process no-op `up`s after a warm-up; prints the median in ms
 *   cycle CONFIG  — the verbs' whole work in one JVM, without JVM start: generate + load + `up -d`, then
 *                   generate + load + `down -t 0`; one warm-up cycle, then 3; prints "UP_MS DOWN_MS" medians
 */
public class StackBench {
    public static void main(String[] args) throws Exception {
        if (args[0].equals("cycle")) {
            cycle(Path.of(args[1]));
            return;
        }
        GeneratedStack stack = new StackGenerator(System.getenv(), false).generate(Path.of(args[1]));
        ComposeProject project = new ComposeLoader(stack.config().environment(), stack.config().projectDir())
                .load(stack.composeFiles(), "benchrun");
        try (ContainerEngine engine = Engines.discover().locate(null)) {
            if (args[0].equals("floor")) {
                floor(engine, project);
            } else {
                noop(engine, project);
            }
        }
    }

    private static void floor(ContainerEngine engine, ComposeProject project) throws Exception {
        String network = "benchfloor_net";
        Map<String, String> mine = Map.of(Labels.BENCH, "floor");
        // leftovers of an interrupted run
        engine.containers().list(io.capstan.core.engine.ContainerFilter.allWithLabels(mine))
                .forEach(c -> engine.containers().remove(c.id(), true, false));
        engine.networks().list(mine).forEach(n -> engine.networks().remove(n.id()));
        long start = System.nanoTime();
        engine.networks().create(NetworkSpec.bridge(network, Map.of(Labels.BENCH, "floor")));
        List<String> ids = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<String>> all = new ArrayList<>();
            for (ComposeProject.Service s : project.services().values()) {
                ContainerSpec.Builder spec = ContainerSpec.builder(s.image()).name("benchfloor-" + s.name())
                        .command(s.command()).network(network).label(Labels.BENCH, "floor");
                s.ports().forEach(p -> spec.port(PortMapping.tcp(p.containerPort(), p.hostPort())));
                all.add(CompletableFuture.supplyAsync(() -> {
                    String id = engine.containers().create(spec.build());
                    engine.containers().start(id);
                    return id;
                }, pool));
            }
            for (var f : all) {
                ids.add(f.join());
            }
        }
        long up = System.nanoTime() - start;
        start = System.nanoTime();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            ids.forEach(id -> pool.submit(() -> engine.containers().remove(id, true, false)));
        }
        for (int attempt = 1; ; attempt++) {
            try {
                engine.networks().remove(network);
                break;
            } catch (io.capstan.core.error.ConflictException stillReleasing) {
                if (attempt == 20) {
                    throw stillReleasing;
                }
                Thread.sleep(50); // the engine can take a moment to release the last endpoints
            }
        }
        long down = System.nanoTime() - start;
        System.out.println(up / 1_000_000 + " " + down / 1_000_000);
    }

    private static void cycle(Path config) {
        try (ContainerEngine engine = Engines.discover().locate(null)) {
            long[] up = new long[4];
            long[] down = new long[4];
            for (int i = 0; i < up.length; i++) {
                long start = System.nanoTime();
                runner(engine, config).up(StackRunner.UpOptions.DEFAULT);
                up[i] = (System.nanoTime() - start) / 1_000_000;
                start = System.nanoTime();
                runner(engine, config).down(java.time.Duration.ZERO, false);
                down[i] = (System.nanoTime() - start) / 1_000_000;
            }
            long[] u = java.util.Arrays.copyOfRange(up, 1, 4);
            long[] d = java.util.Arrays.copyOfRange(down, 1, 4);
            java.util.Arrays.sort(u);
            java.util.Arrays.sort(d);
            System.out.println(u[1] + " " + d[1]);
        }
    }

    /** What a stack verb does before it acts: regenerate the build directory and load the compose files. */
    private static StackRunner runner(ContainerEngine engine, Path config) {
        GeneratedStack stack = new StackGenerator(System.getenv(), false).generate(config);
        ComposeProject project = new ComposeLoader(stack.config().environment(), stack.config().projectDir())
                .load(stack.composeFiles(), "benchrun");
        return new StackRunner(engine, project, StackProgress.NONE);
    }

    private static void noop(ContainerEngine engine, ComposeProject project) {
        StackRunner runner = new StackRunner(engine, project, StackProgress.NONE);
        runner.up(StackRunner.UpOptions.DEFAULT);
        for (int i = 0; i < 3; i++) {
            runner.up(StackRunner.UpOptions.DEFAULT);
        }
        long[] ms = new long[5];
        for (int i = 0; i < ms.length; i++) {
            long start = System.nanoTime();
            if (!runner.up(StackRunner.UpOptions.DEFAULT).created().isEmpty()) {
                throw new IllegalStateException("a no-op up created something");
            }
            ms[i] = (System.nanoTime() - start) / 1_000_000;
        }
        java.util.Arrays.sort(ms);
        System.out.println(ms[2]);
    }
}
