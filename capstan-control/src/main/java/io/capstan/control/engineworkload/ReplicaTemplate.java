package io.capstan.control.engineworkload;

import io.capstan.core.label.Labels;
import io.capstan.core.spec.ContainerSpec;
import io.capstan.core.spec.NetworkAttachment;
import io.capstan.core.spec.PortMapping;
import io.capstan.core.spec.RestartPolicy;
import io.capstan.core.workload.ReplicaSettings;
import io.capstan.core.workload.WorkloadRestart;
import io.capstan.core.workload.WorkloadSpec;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** The container of one replica of a workload: named {@code <workload>.<slot>.<short id>} as on Swarm. */
final class ReplicaTemplate {
    static final String ROLE = "replica";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ReplicaTemplate() {
    }

    static ContainerSpec containerSpec(WorkloadSpec spec, int slot) {
        ReplicaSettings replica = spec.replica();
        byte[] suffix = new byte[6];
        RANDOM.nextBytes(suffix);
        ContainerSpec.Builder container = ContainerSpec.builder(spec.image())
                .name(spec.name() + "." + slot + "." + HexFormat.of().formatHex(suffix))
                .labels(replica.containerLabels()).labels(Labels.owned())
                .label(Labels.WORKLOAD, spec.name())
                .label(Labels.WORKLOAD_ROLE, ROLE)
                .label(Labels.WORKLOAD_SLOT, String.valueOf(slot))
                .label(Labels.WORKLOAD_SPEC_HASH, SpecJson.replicaHash(spec))
                .env(spec.env())
                .resources(spec.resources().limits())
                .restart(restartPolicy(spec.restart()))
                .healthCheck(spec.healthcheck())
                .user(replica.user()).workingDir(replica.workingDir()).hostname(replica.hostname());
        command(container, spec, replica);
        spec.ports().forEach(p -> container.port(new PortMapping(p.target(), p.protocol(), "", p.published())));
        List<String> aliases = new ArrayList<>(List.of(spec.name()));
        aliases.addAll(replica.aliases());
        spec.networks().forEach(n -> container.network(new NetworkAttachment(n, aliases)));
        spec.mounts().forEach(container::mount);
        replica.extraHosts().forEach(container::extraHost);
        return container.build();
    }

    /** Without an entrypoint of its own, the workload's command replaces the image's whole command line. */
    private static void command(ContainerSpec.Builder container, WorkloadSpec spec, ReplicaSettings replica) {
        if (replica.entrypoint() != null) {
            container.entrypoint(replica.entrypoint()).command(spec.command());
        } else if (!spec.command().isEmpty()) {
            List<String> line = spec.command();
            container.entrypoint(line.subList(0, 1)).command(line.subList(1, line.size()));
        }
    }

    /**
     * The engine restarts a replica by itself, also after this process ended: {@code any} is {@code unless-stopped};
     * the restart delay is the engine's own back-off.
     */
    static RestartPolicy restartPolicy(WorkloadRestart restart) {
        return switch (restart.condition()) {
            case NONE -> RestartPolicy.NO;
            case ON_FAILURE -> new RestartPolicy(RestartPolicy.Mode.ON_FAILURE, restart.maxAttempts());
            case ANY -> new RestartPolicy(RestartPolicy.Mode.UNLESS_STOPPED, 0);
        };
    }
}
