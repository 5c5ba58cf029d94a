package io.capstan.stack.compose;

import io.capstan.core.spec.Resources;
import io.capstan.core.workload.UpdatePolicy;
import io.capstan.core.workload.WorkloadRestart;
import io.capstan.core.workload.WorkloadSpec;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a service's {@code deploy:} (and the keys translated into it) means on a Swarm, read by {@link SwarmDeployReader}.
 *
 * @param global         {@code mode: global}: one task on every node
 * @param reservations   {@code resources.reservations}
 * @param restart        {@code restart_policy}, or {@code restart} translated
 * @param update         {@code update_config}
 * @param rollback       {@code rollback_config}
 * @param constraints    {@code placement.constraints}
 * @param endpointMode   {@code endpoint_mode}
 * @param labels         {@code deploy.labels}: on the service
 * @param hostModePorts  the target ports the long syntax publishes with {@code mode: host}
 */
public record SwarmDeploy(boolean global, Resources reservations, WorkloadRestart restart, UpdatePolicy update,
                          UpdatePolicy rollback, List<String> constraints, WorkloadSpec.EndpointMode endpointMode,
                          Map<String, String> labels, Set<Integer> hostModePorts) {
}
