package io.capstan.core.spec;

import io.capstan.core.error.InvalidSpecException;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a container's process runs, beyond image, command and resources: privileges, limits, process and signal
 * handling, name resolution, logging. A null or empty value leaves the engine's default. {@link #DEFAULTS} sets
 * nothing.
 *
 * @param annotations key-value pairs for the runtime (engines from API 1.43 on)
 * @param platform    {@code os[/arch[/variant]]} the container must run as, or null
 */
public record ContainerSettings(Security security, Limits limits, Process process, Dns dns, Logging logging,
                                Map<String, String> annotations, String platform) {
    public static final ContainerSettings DEFAULTS = new ContainerSettings(Security.DEFAULTS, Limits.DEFAULTS,
            Process.DEFAULTS, Dns.DEFAULTS, Logging.DEFAULTS, Map.of(), null);

    public ContainerSettings {
        security = security == null ? Security.DEFAULTS : security;
        limits = limits == null ? Limits.DEFAULTS : limits;
        process = process == null ? Process.DEFAULTS : process;
        dns = dns == null ? Dns.DEFAULTS : dns;
        logging = logging == null ? Logging.DEFAULTS : logging;
        annotations = ordered(annotations);
    }

    /** These settings with another {@link Process}. */
    public ContainerSettings withProcess(Process process) {
        return new ContainerSettings(security, limits, process, dns, logging, annotations, platform);
    }

    /**
     * Privileges.
     *
     * @param capAdd      kernel capabilities added, without the {@code CAP_} prefix ({@code NET_ADMIN}, {@code ALL})
     * @param capDrop     kernel capabilities dropped
     * @param readOnly    the root filesystem is read-only
     * @param securityOpt {@code label=...}, {@code seccomp=...}, {@code apparmor=...}, {@code no-new-privileges}
     * @param groupAdd    extra groups the process belongs to
     * @param devices     host devices made available in the container
     */
    public record Security(List<String> capAdd, List<String> capDrop, boolean privileged, boolean readOnly,
                           List<String> securityOpt, List<String> groupAdd, List<Device> devices) {
        public static final Security DEFAULTS = new Security(List.of(), List.of(), false, false, List.of(), List.of(), List.of());

        public Security {
            capAdd = List.copyOf(capAdd);
            capDrop = List.copyOf(capDrop);
            securityOpt = List.copyOf(securityOpt);
            groupAdd = List.copyOf(groupAdd);
            devices = List.copyOf(devices);
        }
    }

    /**
     * Limits beyond CPU and memory ({@link Resources}); null leaves the engine's default.
     *
     * @param pidsLimit         most processes at once; -1 for no limit
     * @param memoryReservation the soft memory limit, in bytes
     * @param memorySwap        memory plus swap, in bytes; -1 for unlimited swap
     * @param oomScoreAdj       -1000 to 1000: how readily the kernel kills the process when memory runs out
     * @param shmSize           size of {@code /dev/shm}, in bytes
     */
    public record Limits(List<Ulimit> ulimits, Long pidsLimit, Long memoryReservation, Long memorySwap,
                         Integer oomScoreAdj, Long shmSize) {
        public static final Limits DEFAULTS = new Limits(List.of(), null, null, null, null, null);

        public Limits {
            ulimits = List.copyOf(ulimits);
            if (pidsLimit != null && pidsLimit < -1) {
                throw new InvalidSpecException("pids_limit " + pidsLimit + " is negative: use a positive number, or -1 for no limit");
            }
            if (memoryReservation != null && memoryReservation < 0) {
                throw new InvalidSpecException("a memory reservation cannot be negative");
            }
            if (memorySwap != null && memorySwap < -1) {
                throw new InvalidSpecException("memswap_limit " + memorySwap + " is negative: use a size, or -1 for unlimited swap");
            }
            if (oomScoreAdj != null && (oomScoreAdj < -1000 || oomScoreAdj > 1000)) {
                throw new InvalidSpecException("oom_score_adj " + oomScoreAdj + " is outside -1000 to 1000");
            }
            if (shmSize != null && shmSize < 0) {
                throw new InvalidSpecException("shm_size cannot be negative");
            }
        }
    }

    /**
     * The process and what it shares with the host or other containers.
     *
     * @param init             run an init process that forwards signals and reaps zombies (null: the engine's default)
     * @param stopSignal       the signal that asks the process to stop ({@code SIGTERM} unless the image says otherwise)
     * @param stopGracePeriod  how long a stop waits before killing
     * @param tty              allocate a terminal
     * @param stdinOpen        keep standard input open
     * @param pid              PID namespace: {@code host}, {@code container:NAME}, or null for its own
     * @param ipc              IPC namespace: {@code private}, {@code shareable}, {@code host}, {@code container:NAME}
     * @param runtime          the OCI runtime ({@code runc}), or null for the engine's default
     * @param sysctls          kernel parameters set in the container's namespaces
     * @param tmpfs            tmpfs mounts by path, with their mount options (empty for none)
     */
    public record Process(Boolean init, String stopSignal, Duration stopGracePeriod, boolean tty, boolean stdinOpen,
                          String pid, String ipc, String runtime, Map<String, String> sysctls, Map<String, String> tmpfs) {
        public static final Process DEFAULTS = new Process(null, null, null, false, false, null, null, null, Map.of(), Map.of());

        public Process {
            sysctls = ordered(sysctls);
            tmpfs = ordered(tmpfs);
            if (stopGracePeriod != null && stopGracePeriod.isNegative()) {
                throw new InvalidSpecException("stop_grace_period cannot be negative");
            }
        }

        /** This process with a terminal or not, and its standard input kept open or not. */
        public Process withStdio(boolean tty, boolean stdinOpen) {
            return new Process(init, stopSignal, stopGracePeriod, tty, stdinOpen, pid, ipc, runtime, sysctls, tmpfs);
        }
    }

    /** Name resolution: DNS servers, search domains and resolver options ({@code ndots:2}). */
    public record Dns(List<String> servers, List<String> search, List<String> options) {
        public static final Dns DEFAULTS = new Dns(List.of(), List.of(), List.of());

        public Dns {
            servers = List.copyOf(servers);
            search = List.copyOf(search);
            options = List.copyOf(options);
        }
    }

    /** Where the container's output goes: a logging driver ({@code json-file}, {@code local}, ...) and its options. */
    public record Logging(String driver, Map<String, String> options) {
        public static final Logging DEFAULTS = new Logging(null, Map.of());

        public Logging {
            options = ordered(options);
        }
    }

    /** A resource limit ({@code nofile}, {@code nproc}, ...): the soft limit never above the hard one. */
    public record Ulimit(String name, long soft, long hard) {
        public Ulimit {
            if (soft > hard) {
                throw new InvalidSpecException("ulimits." + name + ": soft " + soft + " is above hard " + hard);
            }
        }
    }

    /** A host device seen at {@code containerPath}, with cgroup permissions ({@code rwm} by default). */
    public record Device(String hostPath, String containerPath, String permissions) {
    }

    private static Map<String, String> ordered(Map<String, String> map) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map == null ? Map.of() : map));
    }
}
