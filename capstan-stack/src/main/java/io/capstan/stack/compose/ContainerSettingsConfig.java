package io.capstan.stack.compose;

import io.capstan.core.resource.Durations;
import io.capstan.core.spec.ContainerSettings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A service's {@link ContainerSettings} as the compose keys that set them, in the form {@code docker compose config}
 * prints: only keys that set something, sizes in bytes, durations as {@code 1m30s}. The same map names the parts of
 * a container's configuration hash, so that a plan can say which key changed.
 */
public final class ContainerSettingsConfig {
    private ContainerSettingsConfig() {
    }

    public static Map<String, Object> of(ContainerSettings settings) {
        Map<String, Object> out = new TreeMap<>();
        ContainerSettings.Security security = settings.security();
        list(out, "cap_add", security.capAdd());
        list(out, "cap_drop", security.capDrop());
        flag(out, "privileged", security.privileged());
        flag(out, "read_only", security.readOnly());
        list(out, "security_opt", security.securityOpt());
        list(out, "group_add", security.groupAdd());
        list(out, "devices", security.devices().stream()
                .map(d -> d.hostPath() + ":" + d.containerPath() + ":" + d.permissions()).toList());
        ContainerSettings.Limits limits = settings.limits();
        if (!limits.ulimits().isEmpty()) {
            Map<String, Object> ulimits = new TreeMap<>();
            limits.ulimits().forEach(u -> ulimits.put(u.name(), u.soft() == u.hard() ? (Object) u.soft()
                    : orderedMap("soft", u.soft(), "hard", u.hard())));
            out.put("ulimits", ulimits);
        }
        value(out, "pids_limit", limits.pidsLimit());
        value(out, "mem_reservation", limits.memoryReservation());
        value(out, "memswap_limit", limits.memorySwap());
        value(out, "oom_score_adj", limits.oomScoreAdj());
        value(out, "shm_size", limits.shmSize());
        ContainerSettings.Process process = settings.process();
        value(out, "init", process.init());
        value(out, "stop_signal", process.stopSignal());
        value(out, "stop_grace_period", process.stopGracePeriod() == null ? null : Durations.format(process.stopGracePeriod()));
        flag(out, "tty", process.tty());
        flag(out, "stdin_open", process.stdinOpen());
        value(out, "pid", process.pid());
        value(out, "ipc", process.ipc());
        value(out, "runtime", process.runtime());
        if (!process.sysctls().isEmpty()) {
            out.put("sysctls", new TreeMap<>(process.sysctls()));
        }
        list(out, "tmpfs", process.tmpfs().entrySet().stream()
                .map(e -> e.getValue().isEmpty() ? e.getKey() : e.getKey() + ":" + e.getValue()).toList());
        list(out, "dns", settings.dns().servers());
        list(out, "dns_search", settings.dns().search());
        list(out, "dns_opt", settings.dns().options());
        if (settings.logging().driver() != null || !settings.logging().options().isEmpty()) {
            Map<String, Object> logging = new LinkedHashMap<>();
            value(logging, "driver", settings.logging().driver());
            if (!settings.logging().options().isEmpty()) {
                logging.put("options", new TreeMap<>(settings.logging().options()));
            }
            out.put("logging", logging);
        }
        if (!settings.annotations().isEmpty()) {
            out.put("annotations", new TreeMap<>(settings.annotations()));
        }
        value(out, "platform", settings.platform());
        return out;
    }

    private static Map<String, Object> orderedMap(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }

    private static void list(Map<String, Object> out, String key, List<String> values) {
        if (!values.isEmpty()) {
            out.put(key, values);
        }
    }

    private static void flag(Map<String, Object> out, String key, boolean set) {
        if (set) {
            out.put(key, true);
        }
    }

    private static void value(Map<String, Object> out, String key, Object value) {
        if (value != null) {
            out.put(key, value);
        }
    }
}
