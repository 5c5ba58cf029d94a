package io.capstan.docker;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.ListContainersCmd;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.api.model.Volume;
import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.engine.ContainerOperations;
import io.capstan.core.engine.ExecOptions;
import io.capstan.core.engine.LiveResourceUpdate;
import io.capstan.core.engine.OneShotStats;
import io.capstan.core.engine.WritableLayerSizes;
import io.capstan.core.engine.TerminalSize;
import io.capstan.core.engine.LogOptions;
import io.capstan.core.engine.Subscription;
import io.capstan.core.error.EngineException;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.model.ContainerInfo;
import io.capstan.core.model.ContainerStats;
import io.capstan.core.model.CpuCounters;
import io.capstan.core.model.ContainerSummary;
import io.capstan.core.model.LogLine;
import io.capstan.core.spec.ContainerSpec;
import io.capstan.core.spec.HealthCheck;
import io.capstan.core.spec.Mount;
import io.capstan.core.spec.NetworkAttachment;
import io.capstan.core.spec.PortMapping;
import io.capstan.core.spec.Resources;

import java.time.Duration;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

final class DockerContainers implements ContainerOperations, OneShotStats, WritableLayerSizes, LiveResourceUpdate {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final DockerClient client;
    private final DockerHttpClient http;
    private final DockerErrors errors;
    private final DockerExec exec;
    private final DockerAttach attach;

    DockerContainers(DockerClient client, DockerHttpClient http, DockerErrors errors, DockerExec exec, DockerAttach attach) {
        this.client = client;
        this.http = http;
        this.errors = errors;
        this.exec = exec;
        this.attach = attach;
    }

    @Override
    public int exec(String ref, ExecOptions options, InputStream stdin, OutputStream stdout, OutputStream stderr) {
        return exec.run(ref, options, stdin, stdout, stderr);
    }

    @Override
    public int attach(String ref, TerminalSize terminal, InputStream stdin, OutputStream stdout, OutputStream stderr) {
        return attach.run(ref, terminal, stdin, stdout, stderr);
    }

    @Override
    public String create(ContainerSpec spec) {
        String ref = spec.name() == null ? spec.image() : spec.name();
        String id = errors.call("container", ref, () -> createCommand(spec).exec().getId());
        // The primary network was joined at creation; the others are joined before the first start. Link-local
        // addresses cannot be given at creation: a primary network that has them is joined again with them.
        List<NetworkAttachment> later = spec.networks().stream().skip(1).toList();
        if (!spec.networks().isEmpty() && !spec.networks().getFirst().linkLocalIps().isEmpty()) {
            later = spec.networks();
        }
        for (NetworkAttachment extra : later) {
            try {
                if (extra == spec.networks().getFirst()) {
                    errors.run("network", extra.network(), () -> client.disconnectFromNetworkCmd()
                            .withNetworkId(extra.network()).withContainerId(id).exec());
                }
                errors.run("network", extra.network(), () -> client.connectToNetworkCmd()
                        .withNetworkId(extra.network()).withContainerId(id)
                        .withContainerNetwork(EndpointSettings.of(extra)).exec());
            } catch (RuntimeException e) {
                errors.run("container", ref, () -> client.removeContainerCmd(id).withForce(true).exec());
                throw e;
            }
        }
        return id;
    }

    private CreateContainerCmd createCommand(ContainerSpec spec) {
        HostConfig host = HostConfig.newHostConfig()
                .withRestartPolicy(com.github.dockerjava.api.model.RestartPolicy.parse(
                        spec.restart().engineName() + (spec.restart().maxRetries() > 0 ? ":" + spec.restart().maxRetries() : "")));
        if (spec.resources().memoryBytes() > 0) {
            host.withMemory(spec.resources().memoryBytes());
        }
        if (spec.resources().nanoCpus() > 0) {
            host.withNanoCPUs(spec.resources().nanoCpus());
        }
        List<ExposedPort> exposed = new ArrayList<>();
        Ports bindings = new Ports();
        for (PortMapping p : spec.ports()) {
            ExposedPort port = new ExposedPort(p.containerPort(), InternetProtocol.parse(p.protocol()));
            exposed.add(port);
            bindings.bind(port, new Ports.Binding(p.hostIp().isEmpty() ? null : p.hostIp(),
                    p.hostPorts()));
        }
        host.withPortBindings(bindings);
        List<Bind> binds = new ArrayList<>();
        List<Volume> anonymous = new ArrayList<>();
        Map<String, String> tmpfs = new LinkedHashMap<>();
        for (Mount m : spec.mounts()) {
            switch (m.type()) {
                case TMPFS -> tmpfs.put(m.target(), MountOptions.tmpfs(m));
                case VOLUME, BIND -> {
                    if (m.source().isEmpty()) {
                        anonymous.add(new Volume(m.target()));
                    } else {
                        binds.add(MountOptions.bind(m));
                    }
                }
            }
        }
        host.withBinds(binds);
        if (!tmpfs.isEmpty()) {
            host.withTmpFs(tmpfs);
        }
        if (!spec.extraHosts().isEmpty()) {
            host.withExtraHosts(spec.extraHosts().toArray(String[]::new));
        }
        if (spec.autoRemove()) {
            host.withAutoRemove(true);
        }
        CreateContainerCmd cmd = client.createContainerCmd(spec.image())
                .withHostConfig(host)
                .withLabels(spec.labels())
                .withEnv(spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withExposedPorts(exposed);
        if (!anonymous.isEmpty()) {
            cmd.withVolumes(anonymous);
        }
        if (spec.name() != null) {
            cmd.withName(spec.name());
        }
        if (!spec.command().isEmpty()) {
            cmd.withCmd(spec.command());
        }
        if (!spec.entrypoint().isEmpty()) {
            cmd.withEntrypoint(spec.entrypoint());
        }
        if (!spec.networks().isEmpty()) {
            NetworkAttachment primary = spec.networks().getFirst();
            host.withNetworkMode(primary.network());
            if (!primary.aliases().isEmpty()) {
                cmd.withAliases(primary.aliases());
            }
            if (primary.ipv4Address() != null) {
                cmd.withIpv4Address(primary.ipv4Address());
            }
            if (primary.ipv6Address() != null) {
                cmd.withIpv6Address(primary.ipv6Address());
            }
        }
        if (spec.networkMode() != null) {
            host.withNetworkMode(spec.networkMode());
        }
        if (spec.stdinOnce()) {
            cmd.withStdInOnce(true).withAttachStdin(true);
        }
        if (spec.macAddress() != null) {
            cmd.withMacAddress(spec.macAddress());
        }
        if (spec.healthCheck() != null) {
            cmd.withHealthcheck(healthCheck(spec.healthCheck()));
        }
        if (spec.user() != null) {
            cmd.withUser(spec.user());
        }
        if (spec.workingDir() != null) {
            cmd.withWorkingDir(spec.workingDir());
        }
        if (spec.hostname() != null) {
            cmd.withHostName(spec.hostname());
        }
        SettingsMapper.apply(spec.settings(), host, cmd);
        return cmd;
    }

    private static com.github.dockerjava.api.model.HealthCheck healthCheck(HealthCheck h) {
        var check = new com.github.dockerjava.api.model.HealthCheck().withTest(h.test());
        if (h.interval() != null) {
            check.withInterval(h.interval().toNanos());
        }
        if (h.timeout() != null) {
            check.withTimeout(h.timeout().toNanos());
        }
        if (h.retries() > 0) {
            check.withRetries(h.retries());
        }
        if (h.startPeriod() != null) {
            check.withStartPeriod(h.startPeriod().toNanos());
        }
        if (h.startInterval() != null) {
            check.withStartInterval(h.startInterval().toNanos());
        }
        return check;
    }

    @Override
    public void start(String ref) {
        errors.run("container", ref, () -> ignoreNotModified(() -> client.startContainerCmd(ref).exec()));
    }

    @Override
    public void stop(String ref, Duration timeout) {
        errors.run("container", ref, () -> ignoreNotModified(
                () -> client.stopContainerCmd(ref).withTimeout(seconds(timeout)).exec()));
    }

    @Override
    public void restart(String ref, Duration timeout) {
        errors.run("container", ref, () -> client.restartContainerCmd(ref).withTimeout(seconds(timeout)).exec());
    }

    @Override
    public void kill(String ref, String signal) {
        errors.run("container", ref, () -> client.killContainerCmd(ref).withSignal(signal).exec());
    }

    @Override
    public void remove(String ref, boolean force, boolean removeVolumes) {
        errors.run("container", ref, () -> client.removeContainerCmd(ref).withForce(force)
                .withRemoveVolumes(removeVolumes).exec());
    }

    @Override
    public List<ContainerSummary> list(ContainerFilter filter) {
        return errors.call("container", "list", () -> {
            ListContainersCmd cmd = client.listContainersCmd().withShowAll(filter.all());
            if (!filter.labels().isEmpty()) {
                cmd.withLabelFilter(labelFilter(filter.labels()));
            }
            if (filter.name() != null) {
                cmd.withNameFilter(List.of(filter.name()));
            }
            return cmd.exec().stream().map(DockerMapper::summary).toList();
        });
    }

    /** Docker's label filter: {@code key=value}, or just {@code key} when any value matches. */
    static List<String> labelFilter(Map<String, String> labels) {
        return labels.entrySet().stream()
                .map(e -> e.getValue() == null || e.getValue().isEmpty() ? e.getKey() : e.getKey() + "=" + e.getValue())
                .toList();
    }

    @Override
    public ContainerInfo inspect(String ref) {
        return errors.call("container", ref, () -> DockerMapper.info(client.inspectContainerCmd(ref).exec()));
    }

    @Override
    public Subscription logs(String ref, LogOptions options, Consumer<LogLine> sink) {
        if (!options.follow()) {
            return logStream(ref, options, null, options.timestamps(), sink);
        }
        return ResumingFollow.start((since, timestamped) -> logStream(ref, options, since, true, timestamped),
                () -> isRunning(ref), sink, options.timestamps());
    }

    private boolean isRunning(String ref) {
        try {
            return inspect(ref).isRunning();
        } catch (NotFoundException gone) {
            return false;
        }
    }

    private Subscription logStream(String ref, LogOptions options, Long since, boolean timestamps, Consumer<LogLine> sink) {
        var cmd = client.logContainerCmd(ref).withStdOut(true).withStdErr(true)
                .withFollowStream(options.follow()).withTimestamps(timestamps);
        if (since != null) {
            cmd.withSince((int) Math.min(Integer.MAX_VALUE, since));
        } else {
            if (options.since() != null) {
                cmd.withSince(epochSeconds(options.since()));
            }
            if (options.tail() >= 0) {
                cmd.withTail(options.tail());
            } else {
                cmd.withTailAll();
            }
        }
        if (options.until() != null) {
            cmd.withUntil(epochSeconds(options.until()));
        }
        LineSplitter out = new LineSplitter(LogLine.Stream.STDOUT, sink);
        LineSplitter err = new LineSplitter(LogLine.Stream.STDERR, sink);
        var callback = new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
                (frame.getStreamType() == StreamType.STDERR ? err : out).accept(frame.getPayload());
            }

            @Override
            public void onComplete() {
                out.flush();
                err.flush();
                super.onComplete();
            }
        };
        return CallbackSubscription.start(errors, "container", ref, callback, cmd::exec);
    }

    private static int epochSeconds(java.time.Instant instant) {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, instant.getEpochSecond()));
    }

    @Override
    public Map<String, Long> writableLayerSizes(Map<String, String> labels) {
        var cmd = client.listContainersCmd().withShowAll(true).withShowSize(true);
        if (!labels.isEmpty()) {
            cmd.withLabelFilter(labelFilter(labels));
        }
        Map<String, Long> sizes = new java.util.HashMap<>();
        // Asked with size=true, Docker computes every size but leaves out the ones that are zero.
        errors.call("container", "list", cmd::exec).forEach(c -> sizes.put(c.getId(), c.getSizeRw() == null ? 0 : c.getSizeRw()));
        return sizes;
    }

    @Override
    public ContainerStats statsSince(String ref, CpuCounters earlier) {
        if (earlier == null) {
            return stats(ref);
        }
        // docker-java has no 'one-shot' flag. Docker collects stats once a second for all containers; one-shot answers
        // with the next collection, without it the engine waits for two.
        var request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path("/containers/" + URLEncoder.encode(ref, StandardCharsets.UTF_8) + "/stats?stream=false&one-shot=true")
                .build();
        Statistics reading = errors.call("container", ref, () -> {
            try (var response = http.execute(request)) {
                if (response.getStatusCode() >= 400) {
                    String body = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
                    String message = body.contains("\"message\"") ? JSON.readTree(body).path("message").asText() : body;
                    throw errors.translate("container", ref, response.getStatusCode(), message.strip(), null);
                }
                return JSON.readValue(response.getBody(), Statistics.class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        String id = ref.matches("[0-9a-f]{64}") ? ref : inspect(ref).id();
        ContainerStats now = DockerMapper.stats(id, reading);
        var percent = now.cpu().percentSince(earlier);
        if (percent.isEmpty()) {
            return stats(ref);
        }
        return new ContainerStats(now.containerId(), percent.getAsDouble(), now.memoryUsage(), now.memoryLimit(),
                now.memoryPercent(), now.networkRx(), now.networkTx(), now.blockRead(), now.blockWrite(), now.pids(),
                now.cpu());
    }

    @Override
    public ContainerStats stats(String ref) {
        AtomicReference<Statistics> sample = new AtomicReference<>();
        errors.run("container", ref, () -> {
            // awaitCompletion rethrows the first error the stream reported, so errors.run can translate it.
            try (var callback = client.statsCmd(ref).withNoStream(true).exec(new ResultCallback.Adapter<Statistics>() {
                @Override
                public void onNext(Statistics s) {
                    sample.compareAndSet(null, s);
                }
            })) {
                callback.awaitCompletion(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineException("interrupted while reading stats of container '" + ref + "'", e);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        if (sample.get() == null) {
            throw new EngineException("container '" + ref + "': the engine sent no stats");
        }
        // A full id needs no inspection to be reported as one (the health monitor samples by id, many at a time).
        String id = ref.matches("[0-9a-f]{64}") ? ref : inspect(ref).id();
        return DockerMapper.stats(id, sample.get());
    }

    @Override
    public void update(String ref, Resources resources) {
        errors.run("container", ref, () -> {
            var cmd = client.updateContainerCmd(ref);
            if (resources.memoryBytes() > 0) {
                // Docker refuses a memory limit above the current swap limit; keep swap at twice memory, its default.
                cmd.withMemory(resources.memoryBytes()).withMemorySwap(resources.memoryBytes() * 2);
            }
            if (resources.nanoCpus() > 0) {
                cmd.withNanoCPUs(resources.nanoCpus());
            }
            cmd.exec();
        });
    }

    private static void ignoreNotModified(Runnable action) {
        try {
            action.run();
        } catch (NotModifiedException alreadyInThatState) {
            // starting a running container or stopping a stopped one: already where the caller wants it
        }
    }

    private static int seconds(Duration timeout) {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, timeout.toSeconds()));
    }
}
