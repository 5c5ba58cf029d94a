package io.capstan.core.workload;

import io.capstan.core.error.InvalidSpecException;
import io.capstan.core.spec.HealthCheck;
import io.capstan.core.spec.Mount;
import io.capstan.core.spec.VolumeSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A workload: replicas of one container image that a {@link WorkloadTarget} keeps running, updates in a rolling
 * fashion and restarts by itself. Built with {@link #builder(String, String)}.
 *
 * @param name         the workload's name on the target
 * @param image        the image every replica runs
 * @param command      the command, replacing the image's (empty: the image's)
 * @param env          environment variables
 * @param ports        published ports
 * @param resources    limits and reservations per replica
 * @param mode         a fixed number of replicas, or one on every node
 * @param replicas     for {@link Mode#REPLICATED}: how many
 * @param update       how an update replaces replicas
 * @param rollback     how a rollback replaces them
 * @param restart      when an exited replica is started again
 * @param networks     networks every replica joins
 * @param mounts       volumes and bind mounts
 * @param healthcheck  the replicas' healthcheck (null: the image's)
 * @param labels       labels on the workload itself
 * @param constraints  placement constraints, such as {@code node.role==worker}
 * @param endpointMode how clients find the replicas: one virtual address, or DNS round robin
 * @param replica      how each replica's container is set up beyond the above
 * @param volumes      how the named volumes the mounts use are made where a replica runs (driver, options, labels),
 *                     by volume name; a named volume not listed is made with the target's defaults
 */
public record WorkloadSpec(String name, String image, List<String> command, Map<String, String> env,
                           List<WorkloadPort> ports, WorkloadResources resources, Mode mode, int replicas,
                           UpdatePolicy update, UpdatePolicy rollback, WorkloadRestart restart, List<String> networks,
                           List<Mount> mounts, HealthCheck healthcheck, Map<String, String> labels,
                           List<String> constraints, EndpointMode endpointMode, ReplicaSettings replica,
                           Map<String, VolumeSpec> volumes) {
    public enum Mode { REPLICATED, GLOBAL }

    public enum EndpointMode { VIP, DNSRR }

    public WorkloadSpec {
        if (name == null || !name.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}")) {
            throw new InvalidSpecException("invalid workload name '" + name
                    + "': expected letters, digits, '_', '.' or '-', starting with a letter or digit, at most 63 characters");
        }
        if (image == null || image.isBlank()) {
            throw new InvalidSpecException("workload '" + name + "': an image is required");
        }
        if (replicas < 0) {
            throw new InvalidSpecException("workload '" + name + "': invalid replicas " + replicas + ": expected 0 or more");
        }
        command = List.copyOf(command == null ? List.of() : command);
        env = Map.copyOf(env == null ? Map.of() : env);
        ports = List.copyOf(ports == null ? List.of() : ports);
        resources = resources == null ? WorkloadResources.NONE : resources;
        mode = mode == null ? Mode.REPLICATED : mode;
        update = update == null ? UpdatePolicy.DEFAULT : update;
        rollback = rollback == null ? UpdatePolicy.DEFAULT : rollback;
        restart = restart == null ? WorkloadRestart.ANY : restart;
        networks = List.copyOf(networks == null ? List.of() : networks);
        mounts = List.copyOf(mounts == null ? List.of() : mounts);
        labels = Map.copyOf(labels == null ? Map.of() : labels);
        constraints = List.copyOf(constraints == null ? List.of() : constraints);
        endpointMode = endpointMode == null ? EndpointMode.VIP : endpointMode;
        replica = replica == null ? ReplicaSettings.NONE : replica;
        volumes = Map.copyOf(volumes == null ? Map.of() : volumes);
        if (endpointMode == EndpointMode.DNSRR && ports.stream().anyMatch(p -> p.mode() == WorkloadPort.Mode.INGRESS)) {
            throw new InvalidSpecException("workload '" + name + "': endpoint mode dnsrr cannot publish ports through "
                    + "the routing mesh: publish them in host mode (such as 8080:80@host)");
        }
    }

    public static Builder builder(String name, String image) {
        return new Builder(name, image);
    }

    /** A builder holding this spec's values, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder(name, image);
        b.command = new ArrayList<>(command);
        b.env = new LinkedHashMap<>(env);
        b.ports = new ArrayList<>(ports);
        b.resources = resources;
        b.mode = mode;
        b.replicas = replicas;
        b.update = update;
        b.rollback = rollback;
        b.restart = restart;
        b.networks = new ArrayList<>(networks);
        b.mounts = new ArrayList<>(mounts);
        b.healthcheck = healthcheck;
        b.labels = new LinkedHashMap<>(labels);
        b.constraints = new ArrayList<>(constraints);
        b.volumes = new LinkedHashMap<>(volumes);
        b.endpointMode = endpointMode;
        b.replica = replica;
        return b;
    }

    public static final class Builder {
        private String name;
        private String image;
        private List<String> command = new ArrayList<>();
        private Map<String, String> env = new LinkedHashMap<>();
        private List<WorkloadPort> ports = new ArrayList<>();
        private WorkloadResources resources = WorkloadResources.NONE;
        private Mode mode = Mode.REPLICATED;
        private int replicas = 1;
        private UpdatePolicy update = UpdatePolicy.DEFAULT;
        private UpdatePolicy rollback = UpdatePolicy.DEFAULT;
        private WorkloadRestart restart = WorkloadRestart.ANY;
        private List<String> networks = new ArrayList<>();
        private List<Mount> mounts = new ArrayList<>();
        private HealthCheck healthcheck;
        private Map<String, String> labels = new LinkedHashMap<>();
        private List<String> constraints = new ArrayList<>();
        private EndpointMode endpointMode = EndpointMode.VIP;
        private ReplicaSettings replica = ReplicaSettings.NONE;
        private Map<String, VolumeSpec> volumes = new LinkedHashMap<>();

        private Builder(String name, String image) {
            this.name = name;
            this.image = image;
        }

        public Builder name(String value) { name = value; return this; }
        public Builder image(String value) { image = value; return this; }
        public Builder command(List<String> value) { command = new ArrayList<>(value); return this; }
        public Builder command(String... value) { return command(List.of(value)); }
        public Builder env(Map<String, String> value) { env = new LinkedHashMap<>(value); return this; }
        public Builder env(String key, String value) { env.put(key, value); return this; }
        public Builder ports(List<WorkloadPort> value) { ports = new ArrayList<>(value); return this; }
        public Builder port(WorkloadPort value) { ports.add(value); return this; }
        public Builder resources(WorkloadResources value) { resources = value; return this; }
        public Builder replicas(int value) { mode = Mode.REPLICATED; replicas = value; return this; }
        public Builder global() { mode = Mode.GLOBAL; replicas = 0; return this; }
        public Builder update(UpdatePolicy value) { update = value; return this; }
        public Builder rollback(UpdatePolicy value) { rollback = value; return this; }
        public Builder restart(WorkloadRestart value) { restart = value; return this; }
        public Builder networks(List<String> value) { networks = new ArrayList<>(value); return this; }
        public Builder network(String value) { networks.add(value); return this; }
        public Builder mounts(List<Mount> value) { mounts = new ArrayList<>(value); return this; }
        public Builder mount(Mount value) { mounts.add(value); return this; }
        public Builder healthcheck(HealthCheck value) { healthcheck = value; return this; }
        public Builder labels(Map<String, String> value) { labels = new LinkedHashMap<>(value); return this; }
        public Builder label(String key, String value) { labels.put(key, value); return this; }
        public Builder constraints(List<String> value) { constraints = new ArrayList<>(value); return this; }
        public Builder constraint(String value) { constraints.add(value); return this; }
        public Builder endpointMode(EndpointMode value) { endpointMode = value; return this; }
        public Builder replica(ReplicaSettings value) { replica = value; return this; }
        public Builder volume(VolumeSpec value) { volumes.put(value.name(), value); return this; }

        public WorkloadSpec build() {
            return new WorkloadSpec(name, image, command, env, ports, resources, mode, replicas, update, rollback,
                    restart, networks, mounts, healthcheck, labels, constraints, endpointMode, replica, volumes);
        }
    }
}
