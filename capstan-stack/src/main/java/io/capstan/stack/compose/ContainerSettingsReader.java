package io.capstan.stack.compose;

import io.capstan.core.error.CapstanException;
import io.capstan.core.error.ConfigException;
import io.capstan.core.resource.Durations;
import io.capstan.core.resource.ResourceQuantities;
import io.capstan.core.spec.ContainerSettings;
import io.capstan.core.spec.ContainerSettings.Device;
import io.capstan.core.spec.ContainerSettings.Ulimit;
import io.capstan.stack.compose.ComposeProject.PullPolicy;
import io.capstan.stack.config.Values;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads a service's per-container keys ({@code cap_add}, {@code ulimits}, {@code stop_signal}, {@code dns},
 * {@code logging}, ...) into {@link ContainerSettings}, with the values Docker Compose accepts and a file:line
 * error for anything else.
 */
final class ContainerSettingsReader {
    /** The service keys read here. */
    static final Set<String> KEYS = Set.of("cap_add", "cap_drop", "ulimits", "init", "stop_grace_period", "stop_signal",
            "sysctls", "tmpfs", "shm_size", "devices", "read_only", "privileged", "security_opt", "dns", "dns_search",
            "dns_opt", "pid", "ipc", "tty", "stdin_open", "group_add", "pids_limit", "mem_reservation", "memswap_limit",
            "oom_score_adj", "runtime", "logging", "annotations", "platform", "pull_policy");
    /** Keys of Windows containers: they cannot apply on a Linux engine. */
    static final Set<String> WINDOWS_ONLY = Set.of("isolation", "credential_spec");

    private static final Set<String> CAPABILITIES = Set.of("ALL", "AUDIT_CONTROL", "AUDIT_READ", "AUDIT_WRITE",
            "BLOCK_SUSPEND", "BPF", "CHECKPOINT_RESTORE", "CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID",
            "IPC_LOCK", "IPC_OWNER", "KILL", "LEASE", "LINUX_IMMUTABLE", "MAC_ADMIN", "MAC_OVERRIDE", "MKNOD",
            "NET_ADMIN", "NET_BIND_SERVICE", "NET_BROADCAST", "NET_RAW", "PERFMON", "SETFCAP", "SETGID", "SETPCAP",
            "SETUID", "SYS_ADMIN", "SYS_BOOT", "SYS_CHROOT", "SYSLOG", "SYS_MODULE", "SYS_NICE", "SYS_PACCT",
            "SYS_PTRACE", "SYS_RAWIO", "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "WAKE_ALARM");
    private static final List<String> SIGNALS = List.of("HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE",
            "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN",
            "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS");

    private final Map<String, Object> s;
    private final String at;
    private final Function<String, String> where;

    /**
     * @param service the service's merged mapping
     * @param at      its key path, {@code services.NAME}
     * @param where   the {@code file:line: } prefix of a key path
     */
    ContainerSettingsReader(Map<String, Object> service, String at, Function<String, String> where) {
        this.s = service;
        this.at = at;
        this.where = where;
    }

    ContainerSettings read() {
        return new ContainerSettings(security(), limits(), process(),
                new ContainerSettings.Dns(strings("dns", true), strings("dns_search", true), strings("dns_opt", false)),
                logging(), stringMap("annotations"), platform());
    }

    PullPolicy pullPolicy() {
        String value = text("pull_policy");
        if (value == null) {
            return PullPolicy.DEFAULT;
        }
        return switch (value) {
            case "always" -> PullPolicy.ALWAYS;
            case "never" -> PullPolicy.NEVER;
            case "missing", "if_not_present" -> PullPolicy.MISSING;
            case "build" -> PullPolicy.BUILD;
            default -> throw error("pull_policy", "pull_policy '" + value
                    + "' is not one of always, never, missing, if_not_present, build");
        };
    }

    private ContainerSettings.Security security() {
        return check("cap_add", () -> new ContainerSettings.Security(capabilities("cap_add"), capabilities("cap_drop"),
                bool("privileged"), bool("read_only"), strings("security_opt", false), strings("group_add", false),
                devices()));
    }

    private List<String> capabilities(String key) {
        List<String> names = strings(key, false);
        for (String name : names) {
            if (!CAPABILITIES.contains(name.toUpperCase(Locale.ROOT).replaceFirst("^CAP_", ""))) {
                throw error(key, key + ": unknown capability '" + name + "': use a Linux capability name such as "
                        + "NET_ADMIN, SYS_PTRACE or ALL");
            }
        }
        return names;
    }

    private List<Device> devices() {
        List<Device> devices = new ArrayList<>();
        List<?> entries = list("devices");
        for (int i = 0; i < entries.size(); i++) {
            String entryAt = "devices[" + i + "]";
            if (!(entries.get(i) instanceof String text)) {
                throw error(entryAt, "devices entries are HOST[:CONTAINER[:PERMISSIONS]], found " + Values.describe(entries.get(i)));
            }
            String[] parts = text.split(":");
            String permissions = parts.length > 2 ? parts[2] : "rwm";
            if (parts.length > 3 || !parts[0].startsWith("/") || (parts.length > 1 && !parts[1].startsWith("/"))
                    || !permissions.matches("[rwm]{1,3}")) {
                throw error(entryAt, "device '" + text + "': expected HOST[:CONTAINER[:PERMISSIONS]] with absolute paths "
                        + "and permissions of r, w and m, such as /dev/fuse:/dev/fuse:rwm");
            }
            devices.add(new Device(parts[0], parts.length > 1 ? parts[1] : parts[0], permissions));
        }
        return devices;
    }

    private ContainerSettings.Limits limits() {
        List<Ulimit> ulimits = new ArrayList<>();
        mapping("ulimits").forEach((name, value) -> {
            String key = "ulimits." + name;
            if (value instanceof Map<?, ?> m) {
                Map<String, Object> limit = Values.asMap(m);
                if (!limit.containsKey("soft") || !limit.containsKey("hard")) {
                    throw error(key, key + ": give both soft and hard, or a single number for both");
                }
                ulimits.add(check(key, () -> new Ulimit(name, whole(limit.get("soft"), key + ".soft"),
                        whole(limit.get("hard"), key + ".hard"))));
            } else {
                long both = whole(value, key);
                ulimits.add(new Ulimit(name, both, both));
            }
        });
        Object pids = Values.at(s, "deploy", "resources", "limits", "pids");
        String pidsKey = pids != null ? "deploy.resources.limits.pids" : "pids_limit";
        Long pidsLimit = pids != null ? Long.valueOf(whole(pids, pidsKey)) : s.get("pids_limit") == null ? null : whole(s.get("pids_limit"), pidsKey);
        Object reservation = Values.at(s, "deploy", "resources", "reservations", "memory");
        Long memoryReservation = reservation != null ? bytes(reservation, "deploy.resources.reservations.memory")
                : bytes(s.get("mem_reservation"), "mem_reservation");
        Object swap = s.get("memswap_limit");
        Long memorySwap = swap == null ? null : "-1".equals(String.valueOf(swap)) ? Long.valueOf(-1) : bytes(swap, "memswap_limit");
        Integer oomScoreAdj = s.get("oom_score_adj") == null ? null : (int) whole(s.get("oom_score_adj"), "oom_score_adj");
        Long shmSize = bytes(s.get("shm_size"), "shm_size");
        String[] keys = {pidsKey, "oom_score_adj", "memswap_limit"};
        return check(keys, () -> new ContainerSettings.Limits(ulimits, pidsLimit, memoryReservation, memorySwap,
                oomScoreAdj, shmSize));
    }

    private ContainerSettings.Process process() {
        Boolean init = s.get("init") == null ? null : bool("init");
        Duration grace = s.get("stop_grace_period") == null ? null
                : check("stop_grace_period", () -> Durations.parse(text("stop_grace_period")));
        String signal = text("stop_signal");
        if (signal != null && !isSignal(signal)) {
            throw error("stop_signal", "stop_signal '" + signal + "' is not a signal: use a name such as SIGTERM, SIGINT "
                    + "or SIGQUIT, or a number from 1 to 64");
        }
        Map<String, String> sysctls = new LinkedHashMap<>();
        ComposeMerge.keyed(s.get("sysctls"), "=").forEach((name, value) -> {
            if (value == null) {
                throw error("sysctls", "sysctls entry '" + name + "' needs a value: NAME=VALUE");
            }
            sysctls.put(name, scalar(value, "sysctls." + name));
        });
        Map<String, String> tmpfs = new LinkedHashMap<>();
        Object tmpfsValue = s.get("tmpfs");
        for (Object entry : tmpfsValue instanceof List<?> l ? l : tmpfsValue == null ? List.of() : List.of(tmpfsValue)) {
            String text = scalar(entry, "tmpfs");
            int colon = text.indexOf(':');
            String path = colon < 0 ? text : text.substring(0, colon);
            if (!path.startsWith("/")) {
                throw error("tmpfs", "tmpfs path '" + path + "' must be an absolute path in the container");
            }
            tmpfs.put(path, colon < 0 ? "" : text.substring(colon + 1));
        }
        String pid = text("pid");
        if (pid != null && !pid.equals("host") && !pid.startsWith("container:") && !pid.startsWith("service:")) {
            throw error("pid", "pid '" + pid + "' is not supported: use host, service:NAME or container:NAME");
        }
        String ipc = text("ipc");
        if (ipc != null && !Set.of("none", "private", "shareable", "host").contains(ipc) && !ipc.startsWith("container:")
                && !ipc.startsWith("service:")) {
            throw error("ipc", "ipc '" + ipc + "' is not supported: use none, private, shareable, host, service:NAME or "
                    + "container:NAME");
        }
        return check("stop_grace_period", () -> new ContainerSettings.Process(init, signal, grace, bool("tty"),
                bool("stdin_open"), pid, ipc, text("runtime"), sysctls, tmpfs));
    }

    private static boolean isSignal(String signal) {
        if (signal.matches("\\d+")) {
            int n = Integer.parseInt(signal);
            return n >= 1 && n <= 64;
        }
        String name = signal.toUpperCase(Locale.ROOT).replaceFirst("^SIG", "");
        return SIGNALS.contains(name) || name.matches("RTMIN(\\+([1-9]|1[0-5]))?|RTMAX(-([1-9]|1[0-5]))?");
    }

    private ContainerSettings.Logging logging() {
        Map<String, Object> logging = mapping("logging");
        return new ContainerSettings.Logging(logging.get("driver") == null ? null : scalar(logging.get("driver"), "logging.driver"),
                stringMap(logging.get("options"), "logging.options"));
    }

    private String platform() {
        String platform = text("platform");
        if (platform != null && !platform.matches("[a-z0-9_]+(/[a-z0-9_]+){0,2}")) {
            throw error("platform", "platform '" + platform + "': expected OS[/ARCH[/VARIANT]], such as linux/amd64");
        }
        return platform;
    }

    // ---- typed access with file:line errors -------------------------------------------------------------------

    private ConfigException error(String key, String message) {
        return new ConfigException(where.apply(at + "." + key) + message);
    }

    private <T> T check(String key, Supplier<T> make) {
        return check(new String[] {key}, make);
    }

    /** Runs {@code make}; an error from a record's own checks is reported at the first of {@code keys} present. */
    private <T> T check(String[] keys, Supplier<T> make) {
        try {
            return make.get();
        } catch (ConfigException e) {
            throw e;
        } catch (CapstanException | IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            String key = java.util.Arrays.stream(keys).filter(message::startsWith).findFirst()
                    .or(() -> java.util.Arrays.stream(keys).filter(k -> Values.at(s, k.split("\\.")) != null).findFirst())
                    .orElse(keys[0]);
            throw new ConfigException(where.apply(at + "." + key) + e.getMessage(), e);
        }
    }

    private boolean bool(String key) {
        Object value = s.get(key);
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw error(key, key + " must be true or false, found " + Values.describe(value));
    }

    private String text(String key) {
        return s.get(key) == null ? null : scalar(s.get(key), key);
    }

    private String scalar(Object value, String key) {
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw error(key, key + " must be a single value, found " + Values.describe(value));
        }
        return String.valueOf(value);
    }

    private long whole(Object value, String key) {
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        try {
            return Long.parseLong(scalar(value, key));
        } catch (NumberFormatException e) {
            throw error(key, key + " must be a whole number, found " + Values.describe(value));
        }
    }

    private Long bytes(Object value, String key) {
        return value == null ? null : check(key, () -> ResourceQuantities.parseMemory(scalar(value, key)));
    }

    /** A list of strings; with {@code orSingle} a single string is a list of one, as compose allows for dns. */
    private List<String> strings(String key, boolean orSingle) {
        Object value = s.get(key);
        if (orSingle && value != null && !(value instanceof List<?>)) {
            return List.of(scalar(value, key));
        }
        return list(key).stream().map(v -> scalar(v, key)).toList();
    }

    private List<?> list(String key) {
        Object value = s.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw error(key, key + " must be a list, found " + Values.describe(value));
        }
        return list;
    }

    private Map<String, Object> mapping(String key) {
        Object value = s.get(key);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw error(key, key + " must be a mapping, found " + Values.describe(value));
        }
        return Values.asMap(map);
    }

    private Map<String, String> stringMap(String key) {
        return stringMap(s.get(key), key);
    }

    private Map<String, String> stringMap(Object value, String key) {
        Map<String, String> result = new LinkedHashMap<>();
        ComposeMerge.keyed(value, "=").forEach((k, v) -> result.put(k, v == null ? "" : scalar(v, key + "." + k)));
        return result;
    }
}
