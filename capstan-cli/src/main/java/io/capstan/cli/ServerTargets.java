package io.capstan.cli;

import io.capstan.core.error.CapstanException;
import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.error.ConfigException;
import io.capstan.core.error.EngineUnavailableException;
import io.capstan.core.label.Labels;
import io.capstan.core.workload.WorkloadTarget;
import io.capstan.kubernetes.KubernetesClusters;

import java.util.Map;
import java.util.Optional;

/** Where {@code capstan server --target} runs desired images: the engine itself, its swarm, or a Kubernetes cluster. */
final class ServerTargets {
    private ServerTargets() {
    }

    static void check(String target, KubeOptions kube) {
        if (!target.equals("engine") && !target.equals("swarm") && !target.equals("kubernetes")) {
            throw new ConfigException("--target: expected engine, swarm or kubernetes, got '" + target + "'");
        }
        if (!target.equals("kubernetes") && kube.given()) {
            throw new ConfigException("--kubeconfig, --context and --namespace go with --target kubernetes, not --target "
                    + target);
        }
    }

    /** The workload target, asked once for Capstan's workloads so that a cluster that cannot be used stops the start. */
    static Optional<WorkloadTarget> open(String target, KubeOptions kube, Cli cli) {
        return switch (target) {
            case "swarm" -> Optional.of(SwarmAccess.managedSwarm(cli).orElseThrow(() -> new ConfigException(
                    "--target swarm: this engine is not a swarm manager: run 'capstan swarm init' to make it one, or "
                            + "name a manager's engine with --engine")));
            case "kubernetes" -> Optional.of(kubernetes(kube));
            default -> Optional.empty();
        };
    }

    /**
     * The engine the control plane samples and serves logs from. On Kubernetes a server starts without one: what
     * needs it then answers one line saying so.
     */
    static ContainerEngine engine(String target, Cli cli) {
        if (!target.equals("kubernetes")) {
            return cli.engine();
        }
        try {
            return cli.engine();
        } catch (EngineUnavailableException e) {
            cli.err().println("capstan: WARNING: no Docker engine answers (" + e.getMessage() + "): desired images "
                    + "run on Kubernetes all the same, but usage samples, container logs and images are not served");
            return new AbsentEngine(e.getMessage());
        }
    }

    private static WorkloadTarget kubernetes(KubeOptions kube) {
        WorkloadTarget cluster = KubernetesClusters.workloads(kube.access());
        try {
            cluster.list(Map.of(Labels.OWNER, "true"));
            return cluster;
        } catch (CapstanException e) {
            cluster.close();
            throw e;
        }
    }
}
