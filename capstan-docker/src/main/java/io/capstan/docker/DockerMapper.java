package io.capstan.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerPort;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Statistics;
import io.capstan.core.model.ContainerInfo;
import io.capstan.core.model.ContainerStatus;
import io.capstan.core.model.ContainerSummary;
import io.capstan.core.model.Health;
import io.capstan.core.model.ImageInfo;
import io.capstan.core.model.NetworkInfo;
import io.capstan.core.model.VolumeInfo;
import io.capstan.core.spec.Ipam;
import io.capstan.core.spec.Mount;
import io.capstan.core.spec.PortMapping;
import io.capstan.core.spec.Resources;
import io.capstan.core.spec.RestartPolicy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Reads docker-java's response objects into Capstan's records. Pure functions, no engine calls. */
final class DockerMapper {
    private static final Instant NEVER = Instant.parse("0001-01-01T00:00:00Z");

    private DockerMapper() {
    }

    static ContainerSummary summary(Container c) {
        String name = c.getNames() == null || c.getNames().length == 0 ? "" : stripSlash(c.getNames()[0]);
        List<PortMapping> ports = new ArrayList<>();
        if (c.getPorts() != null) {
            for (ContainerPort p : c.getPorts()) {
                if (p.getPrivatePort() != null) {
                    int host = p.getPublicPort() == null ? 0 : p.getPublicPort();
                    ports.add(new PortMapping(p.getPrivatePort(), p.getType(), host == 0 ? "" : nullToEmpty(p.getIp()), host));
                }
            }
        }
        ports.sort(Comparator.comparingInt(PortMapping::containerPort).thenComparing(PortMapping::hostIp));
        return new ContainerSummary(c.getId(), name, c.getImage(), ContainerStatus.of(c.getState()),
                nullToEmpty(c.getStatus()), healthFromStatusText(c.getStatus()), dedupe(ports),
                c.getLabels() == null ? Map.of() : c.getLabels(),
                c.getCreated() == null ? null : Instant.ofEpochSecond(c.getCreated()));
    }

    /** {@code docker ps} lists IPv4 and IPv6 bindings of one port separately; keep one of each. */
    private static List<PortMapping> dedupe(List<PortMapping> ports) {
        Map<String, PortMapping> byKey = new LinkedHashMap<>();
        for (PortMapping p : ports) {
            byKey.putIfAbsent(p.containerPort() + "/" + p.protocol() + ":" + p.hostPort(), p);
        }
        return List.copyOf(byKey.values());
    }

    static Health healthFromStatusText(String status) {
        if (status == null) {
            return Health.NONE;
        }
        if (status.contains("(healthy)")) {
            return Health.HEALTHY;
        }
        if (status.contains("(unhealthy)")) {
            return Health.UNHEALTHY;
        }
        return status.contains("(health: starting)") ? Health.STARTING : Health.NONE;
    }

    static ContainerInfo info(InspectContainerResponse r) {
        InspectContainerResponse.ContainerState state = r.getState();
        HostConfig host = r.getHostConfig();
        Map<String, String> env = new LinkedHashMap<>();
        String[] envArray = r.getConfig() == null ? null : r.getConfig().getEnv();
        if (envArray != null) {
            for (String entry : envArray) {
                int eq = entry.indexOf('=');
                env.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
            }
        }
        Health health = state == null || state.getHealth() == null ? Health.NONE : Health.of(state.getHealth().getStatus());
        List<String> networks = r.getNetworkSettings() == null || r.getNetworkSettings().getNetworks() == null
                ? List.of() : List.copyOf(r.getNetworkSettings().getNetworks().keySet());
        Resources resources = host == null ? Resources.UNLIMITED
                : new Resources(cpuNanos(host), host.getMemory() == null ? 0 : host.getMemory());
        RestartPolicy restart = host == null || host.getRestartPolicy() == null ? RestartPolicy.NO
                : RestartPolicy.parse(restartText(host.getRestartPolicy()));
        Map<String, String> labels = r.getConfig() == null || r.getConfig().getLabels() == null
                ? Map.of() : r.getConfig().getLabels();
        return new ContainerInfo(r.getId(), stripSlash(r.getName()), r.getConfig() == null ? "" : r.getConfig().getImage(),
                r.getImageId(), state == null ? ContainerStatus.UNKNOWN : ContainerStatus.of(state.getStatus()), health,
                ports(r), env, labels, instant(r.getCreated()), resources, restart, networks, mounts(r),
                state == null || state.getExitCodeLong() == null ? 0 : state.getExitCodeLong().intValue(),
                state == null ? null : instant(state.getStartedAt()), state == null ? null : instant(state.getFinishedAt()));
    }

    private static String restartText(com.github.dockerjava.api.model.RestartPolicy policy) {
        String name = policy.getName() == null || policy.getName().isEmpty() ? "no" : policy.getName();
        Integer retries = policy.getMaximumRetryCount();
        return "on-failure".equals(name) && retries != null && retries > 0 ? name + ":" + retries : name;
    }

    /** CPU limits set as NanoCpus, or as a CFS quota by tools that use {@code --cpu-quota}. */
    private static long cpuNanos(HostConfig host) {
        if (host.getNanoCPUs() != null && host.getNanoCPUs() > 0) {
            return host.getNanoCPUs();
        }
        Long quota = host.getCpuQuota();
        Long period = host.getCpuPeriod();
        if (quota != null && quota > 0) {
            long p = period == null || period == 0 ? 100_000 : period;
            return quota * 1_000_000_000L / p;
        }
        return 0;
    }

    /** Bound ports once running; before that, the requested bindings (host port 0 when the engine picks). */
    private static List<PortMapping> ports(InspectContainerResponse r) {
        Ports ports = r.getNetworkSettings() == null ? null : r.getNetworkSettings().getPorts();
        if (ports == null || ports.getBindings().values().stream().allMatch(Objects::isNull)) {
            ports = r.getHostConfig() == null ? null : r.getHostConfig().getPortBindings();
        }
        List<PortMapping> result = new ArrayList<>();
        if (ports != null) {
            for (Map.Entry<ExposedPort, Ports.Binding[]> e : ports.getBindings().entrySet()) {
                if (e.getValue() == null) {
                    continue;
                }
                for (Ports.Binding b : e.getValue()) {
                    String spec = nullToEmpty(b.getHostPortSpec());
                    int hostPort = spec.matches("\\d+") ? Integer.parseInt(spec) : 0;
                    String ip = nullToEmpty(b.getHostIp());
                    result.add(new PortMapping(e.getKey().getPort(), e.getKey().getProtocol().toString(),
                            ip.equals("0.0.0.0") || ip.equals("::") ? "" : ip, hostPort));
                }
            }
        }
        result.sort(Comparator.comparingInt(PortMapping::containerPort).thenComparing(PortMapping::hostIp));
        return dedupe(result);
    }

    private static List<Mount> mounts(InspectContainerResponse r) {
        List<Mount> result = new ArrayList<>();
        if (r.getMounts() == null) {
            return result;
        }
        for (InspectContainerResponse.Mount m : r.getMounts()) {
            if (m.getDestination() == null) {
                continue;
            }
            boolean readOnly = Boolean.FALSE.equals(m.getRW());
            String target = m.getDestination().getPath();
            if (m.getName() != null && !m.getName().isEmpty()) {
                result.add(new Mount(Mount.Type.VOLUME, m.getName(), target, readOnly));
            } else if (m.getSource() == null || m.getSource().isEmpty()) {
                result.add(new Mount(Mount.Type.TMPFS, "", target, readOnly));
            } else {
                result.add(new Mount(Mount.Type.BIND, m.getSource(), target, readOnly));
            }
        }
        return result;
    }

    /** One entry per repository:tag, or one {@code <none>:<none>} entry for an untagged image. */
    static List<ImageInfo> images(Image image) {
        Instant created = image.getCreated() == null ? null : Instant.ofEpochSecond(image.getCreated());
        long size = image.getSize() == null ? 0 : image.getSize();
        List<String> tags = image.getRepoTags() == null ? List.of() : List.of(image.getRepoTags());
        List<String> real = tags.stream().filter(t -> !t.equals("<none>:<none>")).toList();
        if (real.isEmpty()) {
            return List.of(new ImageInfo(image.getId(), "<none>", "<none>", List.of(), size, created));
        }
        return real.stream().map(t -> new ImageInfo(image.getId(), repository(t), tag(t), real, size, created)).toList();
    }

    static ImageInfo image(InspectImageResponse image, String requested) {
        List<String> tags = image.getRepoTags() == null ? List.of() : image.getRepoTags();
        String name = tags.contains(requested) ? requested : tags.isEmpty() ? "<none>:<none>" : tags.getFirst();
        var config = image.getConfig();
        List<String> exposed = config == null || config.getExposedPorts() == null ? List.of()
                : java.util.Arrays.stream(config.getExposedPorts()).map(p -> p.getPort() + "/" + p.getProtocol()).toList();
        return new ImageInfo(image.getId(), repository(name), tag(name), tags,
                image.getSize() == null ? 0 : image.getSize(), instant(image.getCreated()), exposed);
    }

    static NetworkInfo network(Network n) {
        return new NetworkInfo(n.getId(), n.getName(), n.getDriver(), n.getScope(), Boolean.TRUE.equals(n.getInternal()),
                n.getLabels(), n.getOptions(), ipam(n.getIpam()), Boolean.TRUE.equals(n.getEnableIPv6()));
    }

    private static Ipam ipam(Network.Ipam ipam) {
        if (ipam == null) {
            return Ipam.DEFAULT;
        }
        List<Ipam.Pool> pools = ipam.getConfig() == null ? List.of() : ipam.getConfig().stream()
                .map(c -> new Ipam.Pool(c.getSubnet(), c.getIpRange(), c.getGateway(), Map.of())).toList();
        return new Ipam(ipam.getDriver(), pools, ipam.getOptions());
    }

    static VolumeInfo volume(InspectVolumeResponse v) {
        return new VolumeInfo(v.getName(), v.getDriver(), v.getMountpoint(), v.getLabels());
    }

    /** CPU and memory the way the {@code docker stats} command computes them. */
    static io.capstan.core.model.ContainerStats stats(String id, Statistics s) {
        double cpuPercent = 0;
        io.capstan.core.model.CpuCounters counters = new io.capstan.core.model.CpuCounters(0, 0, 0);
        if (s.getCpuStats() != null && s.getCpuStats().getCpuUsage() != null) {
            long online = orZero(s.getCpuStats().getOnlineCpus());
            if (online == 0 && s.getCpuStats().getCpuUsage().getPercpuUsage() != null) {
                online = s.getCpuStats().getCpuUsage().getPercpuUsage().size();
            }
            counters = new io.capstan.core.model.CpuCounters(orZero(s.getCpuStats().getCpuUsage().getTotalUsage()),
                    orZero(s.getCpuStats().getSystemCpuUsage()), (int) online);
        }
        if (s.getCpuStats() != null && s.getPreCpuStats() != null && s.getCpuStats().getCpuUsage() != null) {
            long cpu = orZero(s.getCpuStats().getCpuUsage().getTotalUsage());
            long preCpu = s.getPreCpuStats().getCpuUsage() == null ? 0 : orZero(s.getPreCpuStats().getCpuUsage().getTotalUsage());
            long system = orZero(s.getCpuStats().getSystemCpuUsage());
            long preSystem = orZero(s.getPreCpuStats().getSystemCpuUsage());
            long online = orZero(s.getCpuStats().getOnlineCpus());
            if (online == 0 && s.getCpuStats().getCpuUsage().getPercpuUsage() != null) {
                online = s.getCpuStats().getCpuUsage().getPercpuUsage().size();
            }
            long cpuDelta = cpu - preCpu;
            long systemDelta = system - preSystem;
            if (cpuDelta > 0 && systemDelta > 0) {
                cpuPercent = (double) cpuDelta / systemDelta * Math.max(online, 1) * 100.0;
            }
        }
        long usage = 0;
        long limit = 0;
        if (s.getMemoryStats() != null) {
            usage = orZero(s.getMemoryStats().getUsage());
            limit = orZero(s.getMemoryStats().getLimit());
            var detail = s.getMemoryStats().getStats();
            if (detail != null) {
                // cgroup v1 reports total_inactive_file, v2 inactive_file; docker stats subtracts it from usage.
                long inactive = detail.getTotalInactiveFile() != null ? detail.getTotalInactiveFile() : orZero(detail.getInactiveFile());
                if (inactive < usage) {
                    usage -= inactive;
                }
            }
        }
        long rx = 0;
        long tx = 0;
        if (s.getNetworks() != null) {
            for (var net : s.getNetworks().values()) {
                rx += orZero(net.getRxBytes());
                tx += orZero(net.getTxBytes());
            }
        }
        long read = 0;
        long write = 0;
        if (s.getBlkioStats() != null && s.getBlkioStats().getIoServiceBytesRecursive() != null) {
            for (var entry : s.getBlkioStats().getIoServiceBytesRecursive()) {
                String op = nullToEmpty(entry.getOp()).toLowerCase(java.util.Locale.ROOT);
                if (op.equals("read")) {
                    read += orZero(entry.getValue());
                } else if (op.equals("write")) {
                    write += orZero(entry.getValue());
                }
            }
        }
        long pids = s.getPidsStats() == null ? 0 : orZero(s.getPidsStats().getCurrent());
        double memPercent = limit > 0 ? usage * 100.0 / limit : 0;
        return new io.capstan.core.model.ContainerStats(id, cpuPercent, usage, limit, memPercent, rx, tx, read, write, pids,
                counters);
    }

    static String repository(String reference) {
        String withoutDigest = reference.contains("@") ? reference.substring(0, reference.indexOf('@')) : reference;
        int colon = withoutDigest.lastIndexOf(':');
        return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.substring(0, colon) : withoutDigest;
    }

    static String tag(String reference) {
        if (reference.contains("@")) {
            return "<none>";
        }
        int colon = reference.lastIndexOf(':');
        return colon > reference.lastIndexOf('/') ? reference.substring(colon + 1) : "latest";
    }

    static Instant instant(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        Instant t = Instant.parse(text);
        return t.equals(NEVER) ? null : t;
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String stripSlash(String name) {
        return name != null && name.startsWith("/") ? name.substring(1) : nullToEmpty(name);
    }
}
