package io.capstan.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.ContainerOperations;
import io.capstan.core.engine.EventFilter;
import io.capstan.core.engine.ImageOperations;
import io.capstan.core.engine.NetworkOperations;
import io.capstan.core.engine.Subscription;
import io.capstan.core.engine.VolumeOperations;
import io.capstan.core.model.EngineEvent;
import io.capstan.core.model.EngineInfo;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/** A Docker or Podman engine reached over its Engine API (a unix socket or tcp). */
public final class DockerEngine implements ContainerEngine {
    private final String endpoint;
    private final DockerHttpClient http;
    private final DockerClient client;
    private final DockerErrors errors;
    private final DockerContainers containers;
    private final DockerImages images;
    private final DockerNetworks networks;
    private final DockerVolumes volumes;
    private final SwarmMembership membership;
    private final SwarmTarget swarm;

    private DockerEngine(String endpoint, Duration connectTimeout) {
        this.endpoint = endpoint;
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(endpoint).build();
        this.http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(URI.create(endpoint))
                .sslConfig(sslConfig(endpoint, config))
                .maxConnections(256)
                .connectionTimeout(connectTimeout)
                .build();
        this.client = DockerClientImpl.getInstance(config, http);
        this.errors = new DockerErrors(endpoint);
        HijackedStream streams = HijackedStream.forEndpoint(endpoint, config.getSSLConfig() != null);
        this.containers = new DockerContainers(client, http, errors, new DockerExec(client, errors, streams),
                new DockerAttach(client, errors, streams));
        this.images = new DockerImages(client, http, errors);
        this.networks = new DockerNetworks(client, http, errors);
        this.volumes = new DockerVolumes(client, errors);
        this.membership = new SwarmMembership(endpoint, client, errors);
        this.swarm = new SwarmTarget(endpoint, client, errors, membership, new ServiceUpdates(http, errors));
    }

    /**
     * The engine's TLS set-up: its own when configured; none for plain tcp (the transport speaks https to a tcp
     * engine whenever it is given any); {@link NoTls} for a unix socket.
     */
    private static com.github.dockerjava.transport.SSLConfig sslConfig(String endpoint, DefaultDockerClientConfig config) {
        if (config.getSSLConfig() != null) {
            return config.getSSLConfig();
        }
        return endpoint.startsWith("tcp://") ? null : NoTls.INSTANCE;
    }

    /**
     * A client for the engine at {@code endpoint} ({@code unix:///path} or {@code tcp://host:port}). Nothing is
     * sent until the first call; use {@link EngineLocator} to find an engine that answers.
     */
    public static DockerEngine connect(String endpoint) {
        return new DockerEngine(endpoint, Duration.ofSeconds(5));
    }

    public String endpoint() {
        return endpoint;
    }

    @Override
    public String describe() {
        return endpoint;
    }

    /** Docker offers every capability: they live on its container, image and network operations. */
    @Override
    public <T> Optional<T> capability(Class<T> type) {
        for (Object offering : new Object[]{containers, images, networks}) {
            if (type.isInstance(offering)) {
                return Optional.of(type.cast(offering));
            }
        }
        return Optional.empty();
    }

    /** Cheap liveness check: true when the engine answers {@code /_ping}. */
    public boolean ping() {
        try {
            client.pingCmd().exec();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public EngineInfo info() {
        return errors.call("engine", endpoint, () -> {
            Version version = client.versionCmd().exec();
            Info info = client.infoCmd().exec();
            boolean podman = version.getComponents() != null && version.getComponents().stream()
                    .anyMatch(c -> c.getName() != null && c.getName().toLowerCase(Locale.ROOT).contains("podman"));
            String swarm = info.getSwarm() == null || info.getSwarm().getLocalNodeState() == null
                    ? "" : info.getSwarm().getLocalNodeState().getValue();
            return new EngineInfo(endpoint, podman ? "Podman Engine" : "Docker Engine", version.getVersion(),
                    version.getApiVersion(), info.getOperatingSystem(), version.getArch(), version.getKernelVersion(),
                    info.getDriver(), cgroupVersion(info.getCGroupVersion()), orZero(info.getContainers()),
                    orZero(info.getContainersRunning()), orZero(info.getImages()), orZero(info.getNCPU()),
                    info.getMemTotal() == null ? 0 : info.getMemTotal(), swarm);
        });
    }

    private static int cgroupVersion(String reported) {
        return reported != null && reported.strip().matches("\\d{1,3}") ? Integer.parseInt(reported.strip()) : 0;
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    @Override
    public ContainerOperations containers() {
        return containers;
    }

    @Override
    public ImageOperations images() {
        return images;
    }

    @Override
    public NetworkOperations networks() {
        return networks;
    }

    @Override
    public VolumeOperations volumes() {
        return volumes;
    }

    /** The swarm this engine manages, as a workload target; each call refuses when the engine is not a manager. */
    public SwarmTarget swarm() {
        return swarm;
    }

    /** This engine's membership of a swarm: init, join, leave, join tokens. */
    public SwarmMembership swarmMembership() {
        return membership;
    }

    @Override
    public Subscription events(EventFilter filter, Consumer<EngineEvent> listener) {
        var cmd = client.eventsCmd();
        if (!filter.types().isEmpty()) {
            cmd.withEventTypeFilter(filter.types().toArray(String[]::new));
        }
        if (!filter.labels().isEmpty()) {
            cmd.withLabelFilter(DockerContainers.labelFilter(filter.labels()).toArray(String[]::new));
        }
        if (filter.since() != null) {
            cmd.withSince(String.valueOf(filter.since().getEpochSecond()));
        }
        var callback = new ResultCallback.Adapter<Event>() {
            @Override
            public void onNext(Event event) {
                listener.accept(toEngineEvent(event));
            }
        };
        return CallbackSubscription.start(errors, "engine", endpoint, callback, cmd::exec);
    }

    private static EngineEvent toEngineEvent(Event e) {
        Instant time = e.getTimeNano() != null
                ? Instant.ofEpochSecond(0, e.getTimeNano())
                : Instant.ofEpochSecond(e.getTime() == null ? 0 : e.getTime());
        String action = e.getAction() != null ? e.getAction() : e.getStatus();
        String id = e.getActor() != null && e.getActor().getId() != null ? e.getActor().getId() : e.getId();
        String verb = action == null ? "" : action;
        return new EngineEvent(e.getType() == null ? "" : e.getType().getValue(), DockerEventKinds.of(verb), verb, id,
                e.getActor() == null ? null : e.getActor().getAttributes(), time);
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }
}
