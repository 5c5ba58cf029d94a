package io.capstan.control.engineworkload;

import io.capstan.core.error.InvalidSpecException;
import io.capstan.core.workload.UpdatePolicy;
import io.capstan.core.workload.WorkloadPort;
import io.capstan.core.workload.WorkloadRestart;
import io.capstan.core.workload.WorkloadSpec;

/**
 * What a workload may ask of one engine, checked before anything is changed. Refused: placement constraints (there is
 * one node), secrets and configs (an engine stores none), a fixed host port on several replicas or with start-first
 * updates (two containers cannot hold it), and a restart condition {@code any} with a maximum number of attempts.
 * A global workload is one replica; ingress-mode ports are published on the engine's host like host-mode ones.
 */
final class OneEngineLimits {
    private OneEngineLimits() {
    }

    /** The replicas the workload runs here: one for a global workload. */
    static int replicas(WorkloadSpec spec) {
        return spec.mode() == WorkloadSpec.Mode.GLOBAL ? 1 : spec.replicas();
    }

    static void check(WorkloadSpec spec) {
        String workload = "workload '" + spec.name() + "': ";
        if (!spec.constraints().isEmpty()) {
            throw new InvalidSpecException(workload + "placement constraints " + spec.constraints()
                    + " cannot apply on one engine, which is the only node: remove them");
        }
        if (!spec.replica().secrets().isEmpty() || !spec.replica().configs().isEmpty()) {
            throw new InvalidSpecException(workload + "secrets and configs need a target that stores them, such as "
                    + "Docker Swarm; one engine stores none");
        }
        WorkloadRestart restart = spec.restart();
        if (restart.condition() == WorkloadRestart.Condition.ANY && restart.maxAttempts() > 0) {
            throw new InvalidSpecException(workload + "restart condition any with max attempts "
                    + restart.maxAttempts()
                    + ": one engine restarts on any exit without a limit, or on-failure with one");
        }
        for (WorkloadPort port : spec.ports()) {
            if (port.published() == 0) {
                continue;
            }
            if (replicas(spec) > 1) {
                throw new InvalidSpecException(workload + replicas(spec) + " replicas cannot all publish host port "
                        + port.published() + " on one engine: run one replica, or leave the published port out");
            }
            if (spec.update().order() == UpdatePolicy.Order.START_FIRST
                    || spec.rollback().order() == UpdatePolicy.Order.START_FIRST) {
                throw new InvalidSpecException(workload + "start-first updates cannot keep host port "
                        + port.published()
                        + " on one engine, where old and new replica would need it at once: use stop-first");
            }
        }
    }
}
