package io.capstan.docker;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Ulimit;
import io.capstan.core.error.InvalidSpecException;
import io.capstan.core.spec.ContainerSettings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Puts a container's {@link ContainerSettings} on the engine's create request, field by field as Docker Compose does. */
final class SettingsMapper {
    private SettingsMapper() {
    }

    static void apply(ContainerSettings settings, HostConfig host, CreateContainerCmd cmd) {
        security(settings.security(), host);
        limits(settings.limits(), host);
        process(settings.process(), host, cmd);
        ContainerSettings.Dns dns = settings.dns();
        if (!dns.servers().isEmpty()) {
            host.withDns(dns.servers());
        }
        if (!dns.search().isEmpty()) {
            host.withDnsSearch(dns.search());
        }
        if (!dns.options().isEmpty()) {
            host.withDnsOptions(dns.options());
        }
        if (settings.logging().driver() != null) {
            host.withLogConfig(new LogConfig(loggingType(settings.logging().driver()),
                    settings.logging().options().isEmpty() ? null : settings.logging().options()));
        }
        if (!settings.annotations().isEmpty()) {
            host.withAnnotations(settings.annotations());
        }
        if (settings.platform() != null) {
            cmd.withPlatform(settings.platform());
        }
    }

    private static void security(ContainerSettings.Security s, HostConfig host) {
        if (!s.capAdd().isEmpty()) {
            host.withCapAdd(capabilities(s.capAdd()));
        }
        if (!s.capDrop().isEmpty()) {
            host.withCapDrop(capabilities(s.capDrop()));
        }
        if (s.privileged()) {
            host.withPrivileged(true);
        }
        if (s.readOnly()) {
            host.withReadonlyRootfs(true);
        }
        if (!s.securityOpt().isEmpty()) {
            host.withSecurityOpts(s.securityOpt());
        }
        if (!s.groupAdd().isEmpty()) {
            host.withGroupAdd(s.groupAdd());
        }
        if (!s.devices().isEmpty()) {
            host.withDevices(s.devices().stream()
                    .map(d -> new Device(d.permissions(), d.containerPath(), d.hostPath())).toList());
        }
    }

    private static void limits(ContainerSettings.Limits l, HostConfig host) {
        if (!l.ulimits().isEmpty()) {
            host.withUlimits(l.ulimits().stream().map(u -> new Ulimit(u.name(), u.soft(), u.hard())).toList());
        }
        if (l.pidsLimit() != null) {
            host.withPidsLimit(l.pidsLimit());
        }
        if (l.memoryReservation() != null) {
            host.withMemoryReservation(l.memoryReservation());
        }
        if (l.memorySwap() != null) {
            host.withMemorySwap(l.memorySwap());
        }
        if (l.oomScoreAdj() != null) {
            host.withOomScoreAdj(l.oomScoreAdj());
        }
        if (l.shmSize() != null) {
            host.withShmSize(l.shmSize());
        }
    }

    private static void process(ContainerSettings.Process p, HostConfig host, CreateContainerCmd cmd) {
        if (p.init() != null) {
            host.withInit(p.init());
        }
        if (p.stopSignal() != null) {
            cmd.withStopSignal(p.stopSignal());
        }
        if (p.stopGracePeriod() != null) {
            cmd.withStopTimeout((int) Math.min(Integer.MAX_VALUE, p.stopGracePeriod().toSeconds()));
        }
        if (p.tty()) {
            cmd.withTty(true);
        }
        if (p.stdinOpen()) {
            cmd.withStdinOpen(true);
        }
        if (p.pid() != null) {
            host.withPidMode(p.pid());
        }
        if (p.ipc() != null) {
            host.withIpcMode(p.ipc());
        }
        if (p.runtime() != null) {
            host.withRuntime(p.runtime());
        }
        if (!p.sysctls().isEmpty()) {
            host.withSysctls(p.sysctls());
        }
        if (!p.tmpfs().isEmpty()) {
            // tmpfs volumes of the spec's mounts are already there; both end up in HostConfig.Tmpfs
            Map<String, String> tmpfs = new LinkedHashMap<>(host.getTmpFs() == null ? Map.of() : host.getTmpFs());
            tmpfs.putAll(p.tmpfs());
            host.withTmpFs(tmpfs);
        }
    }

    private static Capability[] capabilities(List<String> names) {
        return names.stream().map(name -> {
            try {
                return Capability.valueOf(name.toUpperCase(Locale.ROOT).replaceFirst("^CAP_", ""));
            } catch (IllegalArgumentException e) {
                throw new InvalidSpecException("unknown capability '" + name + "': use a Linux capability name such as "
                        + "NET_ADMIN, SYS_PTRACE or ALL");
            }
        }).toArray(Capability[]::new);
    }

    private static LogConfig.LoggingType loggingType(String driver) {
        return Stream.of(LogConfig.LoggingType.values()).filter(t -> t.getType().equals(driver)).findFirst()
                .orElseThrow(() -> new InvalidSpecException("logging driver '" + driver + "' is not known: use one of "
                        + Stream.of(LogConfig.LoggingType.values()).map(LogConfig.LoggingType::getType)
                        .filter(t -> !t.equals("default")).collect(Collectors.joining(", "))));
    }
}
