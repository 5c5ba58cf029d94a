package io.capstan.server;

import io.capstan.control.ControlPlane;
import io.capstan.control.health.HealthRule;
import io.capstan.control.replicas.Reconciler;
import io.capstan.control.store.Store;
import io.capstan.control.store.Stores;
import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.label.Labels;
import io.capstan.core.model.ContainerStatus;
import io.capstan.core.model.ContainerSummary;
import io.capstan.docker.EngineLocator;
import io.capstan.tck.TestImages;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A control plane and its server on a free port with SQLite, sampling health every second, managing one image of
 * its own (a fresh tag of the test image) so that nothing another test runs is counted or touched. Closing removes
 * that image's containers and tag.
 */
final class ObservedPlane implements AutoCloseable {
    static final ControlPlane.Options FAST = new ControlPlane.Options(Duration.ofSeconds(1),
            Duration.ofDays(1), HealthRule.DEFAULT, new Reconciler.Options(Duration.ofSeconds(2), Duration.ofSeconds(10),
            Duration.ofMillis(500), Duration.ofSeconds(4), Duration.ofSeconds(30)));

    final ContainerEngine engine;
    final String image;
    final Store store;
    final ControlPlane plane;
    final Tokens tokens;
    final String admin;
    final Path dir;
    private ApiServer server;

    ObservedPlane(Path dir, String prefix, boolean metricsPublic) throws Exception {
        this(dir, prefix, metricsPublic, java.util.function.UnaryOperator.identity(), FAST);
    }

    /**
     * {@code wrap}: what the control plane sees of the engine (a counting one, say), while the test sees the engine;
     * {@code options}: how often it samples and reconciles.
     */
    ObservedPlane(Path dir, String prefix, boolean metricsPublic,
                  java.util.function.UnaryOperator<ContainerEngine> wrap, ControlPlane.Options options) throws Exception {
        this.dir = dir;
        this.engine = EngineLocator.fromEnvironment().locate(null);
        this.image = "dash16-" + prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ":test";
        engine.images().tag(TestImages.BUSYBOX, image);
        this.store = Stores.sqlite(dir.resolve("capstan.db"));
        this.plane = ControlPlane.start(wrap.apply(engine), store, options);
        this.tokens = Tokens.open(dir, file -> { });
        this.admin = Files.readString(tokens.adminFile()).strip();
        this.server = ApiServer.start(plane, tokens, new ServerOptions("127.0.0.1", 0, dir, false)
                .withMetricsPublic(metricsPublic), "test");
    }

    ApiServer server() {
        return server;
    }

    ApiClient api() {
        return new ApiClient(server.url());
    }

    /** This image's containers as the engine lists them. */
    List<ContainerSummary> onEngine() {
        return engine.containers().list(ContainerFilter.allWithLabels(Map.of(Labels.MANAGED_BY, image)));
    }

    List<String> runningOnEngine() {
        return onEngine().stream().filter(c -> c.status() == ContainerStatus.RUNNING).map(ContainerSummary::id).toList();
    }

    /** The image in a path segment. */
    String encodedImage() {
        return java.net.URLEncoder.encode(image, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            server.close();
            plane.close();
            store.close();
        } finally {
            onEngine().forEach(c -> engine.containers().remove(c.id(), true, true));
            engine.images().remove(image, false);
            engine.close();
        }
    }
}
