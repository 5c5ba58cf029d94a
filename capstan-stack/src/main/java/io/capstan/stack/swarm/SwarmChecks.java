package io.capstan.stack.swarm;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.error.ConfigException;
import io.capstan.core.model.NetworkInfo;
import io.capstan.core.spec.Mount;
import io.capstan.core.workload.Nodes;
import io.capstan.core.workload.WorkloadPort;
import io.capstan.core.workload.WorkloadSpec;
import io.capstan.core.workload.WorkloadTarget;
import io.capstan.stack.compose.ComposeProject;
import io.capstan.stack.compose.SwarmCompose;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What makes a stack impossible to deploy on this Swarm, found before anything is created: one line each. */
final class SwarmChecks {
    private SwarmChecks() {
    }

    /** @return warnings about what may still fail on other nodes */
    static List<String> check(SwarmCompose compose, Map<String, WorkloadSpec> specs, WorkloadTarget target,
                              ContainerEngine engine) {
        List<String> warnings = new ArrayList<>();
        int nodes = target.capability(Nodes.class).map(n -> n.nodes().size()).orElse(1);
        specs.forEach((service, spec) -> {
            String at = "services." + service;
            for (Mount mount : spec.mounts()) {
                if (mount.options().subpath() != null) {
                    throw new ConfigException(compose.where().apply(at + ".volumes") + "service '" + service
                            + "': volume subpath '" + mount.options().subpath() + "' at " + mount.target()
                            + " cannot be mounted on Swarm: mount the volume's root instead");
                }
                if (mount.type() != Mount.Type.BIND) {
                    continue;
                }
                if (!Files.exists(Path.of(mount.source()))) {
                    throw new ConfigException(compose.where().apply(at + ".volumes") + "service '" + service
                            + "' binds host path " + mount.source() + ", which does not exist here: create it on every "
                            + "node of the swarm, or use a named volume");
                }
                warnings.add(compose.where().apply(at + ".volumes") + "service '" + service + "': bind mount "
                        + mount.source() + " must exist on every node its tasks may run on");
            }
            if (spec.mode() == WorkloadSpec.Mode.REPLICATED && spec.replicas() > nodes) {
                spec.ports().stream().filter(p -> p.mode() == WorkloadPort.Mode.HOST && p.published() > 0).findFirst()
                        .ifPresent(p -> {
                            throw new ConfigException(compose.where().apply(at + ".ports") + "service '" + service
                                    + "' wants " + spec.replicas() + " replicas on fixed host port " + p.published()
                                    + " in mode host, but a node can run only one of them and the swarm has " + nodes
                                    + (nodes == 1 ? " node" : " nodes") + ": lower deploy.replicas, use mode: global, "
                                    + "or publish without a fixed port");
                        });
            }
        });
        for (ComposeProject.Network network : compose.project().networks().values()) {
            if (!usedByAService(compose.project(), network.key())) {
                continue;
            }
            NetworkInfo existing = find(engine, network.name());
            String at = compose.where().apply("networks." + network.key());
            if (network.external()) {
                if (existing == null) {
                    throw new ConfigException(at + "external network '" + network.name()
                            + "' not found: create it first (capstan swarm network create " + network.name() + ")");
                }
                continue;
            }
            if (existing == null) {
                continue;
            }
            String owner = existing.labels().get(SwarmNames.NAMESPACE);
            if (!compose.project().name().equals(owner)) {
                throw new ConfigException(at + "network '" + network.name() + "' is in use by "
                        + (owner == null ? "something other than a stack" : "stack '" + owner + "'")
                        + ": rename the network (name:) or the stack");
            }
            if (!"swarm".equals(existing.scope())) {
                throw new ConfigException(at + "network '" + network.name() + "' exists with driver "
                        + existing.driver() + " on this engine only, not as an overlay network: remove it (capstan "
                        + "networks rm " + network.name() + ") and run up again");
            }
        }
        return warnings;
    }

    static boolean usedByAService(ComposeProject project, String networkKey) {
        return project.services().values().stream().anyMatch(s -> s.networks().containsKey(networkKey));
    }

    static NetworkInfo find(ContainerEngine engine, String name) {
        return engine.networks().list(Map.of()).stream().filter(n -> n.name().equals(name)).findFirst().orElse(null);
    }
}
