package io.capstan.kernels.launch;

import io.capstan.core.workload.WorkloadPort;
import io.capstan.core.workload.WorkloadRestart;
import io.capstan.core.workload.WorkloadSpec;
import io.capstan.kernels.spec.KernelSpec;

/**
 * The Swarm service a kernel runs as: one replica that is never restarted, named and labelled as a kernel container,
 * on the kernelspec's network, its five ports published in host mode (straight into the task on the node that runs
 * it: the routing mesh needs IPVS, which some kernels lack), found by DNS rather than a virtual IP for the same reason.
 */
public final class KernelServiceSpec {
    private KernelServiceSpec() {
    }

    public static WorkloadSpec of(KernelSpec spec, ConnectionFile connection, String user, String kernelId) {
        WorkloadSpec.Builder builder = WorkloadSpec.builder(KernelContainerSpec.containerName(user, kernelId), spec.image())
                .command(KernelContainerSpec.command(spec))
                .env(KernelContainerSpec.CONNECTION_ENV, connection.forContainer())
                .env("KERNEL_ID", kernelId)
                .env("KERNEL_USERNAME", user)
                .env("PYTHONUNBUFFERED", "1")
                .labels(KernelLabels.of(kernelId, user))
                .replicas(1)
                .restart(new WorkloadRestart(WorkloadRestart.Condition.NONE, null, 0))
                .endpointMode(WorkloadSpec.EndpointMode.DNSRR);
        connection.ports().values().forEach(port ->
                builder.port(new WorkloadPort(port, port, "tcp", WorkloadPort.Mode.HOST)));
        if (!spec.network().isEmpty()) {
            builder.network(spec.network());
        }
        return builder.build();
    }
}
