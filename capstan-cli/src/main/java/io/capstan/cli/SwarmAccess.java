package io.capstan.cli;

import io.capstan.core.error.InvalidSpecException;
import io.capstan.core.workload.WorkloadTarget;
import io.capstan.docker.DockerEngine;
import io.capstan.docker.RoutingMesh;
import io.capstan.docker.SwarmMembership;
import io.capstan.docker.SwarmTarget;

import java.util.Optional;

/** The swarm behind the invocation's engine, for the {@code capstan swarm} commands. */
final class SwarmAccess {
    private SwarmAccess() {
    }

    static SwarmTarget target(Cli cli) {
        return engine(cli).swarm();
    }

    /** The swarm this engine manages, if it is a Docker engine and a swarm manager (kernel listings include it). */
    static Optional<WorkloadTarget> managedSwarm(Cli cli) {
        if (cli.engine() instanceof DockerEngine docker && docker.swarmMembership().state().manager()) {
            return Optional.of(docker.swarm());
        }
        return Optional.empty();
    }

    static SwarmMembership membership(Cli cli) {
        return engine(cli).swarmMembership();
    }

    /** Prints, once, why ingress ports and virtual IPs will not answer on this machine (no IPVS). */
    static void warnWithoutRoutingMesh(Cli cli) {
        RoutingMesh.warning(engine(cli).endpoint()).ifPresent(w -> cli.err().println("capstan: warning: " + w));
    }

    private static DockerEngine engine(Cli cli) {
        if (cli.engine() instanceof DockerEngine docker) {
            return docker;
        }
        throw new InvalidSpecException("swarm commands need a Docker engine, and " + cli.engine().info().endpoint()
                + " is not one");
    }
}
