package io.capstan.docker;

import com.github.dockerjava.api.model.ContainerSpec;
import com.github.dockerjava.api.model.ContainerSpecConfig;
import com.github.dockerjava.api.model.ContainerSpecFile;
import com.github.dockerjava.api.model.ContainerSpecSecret;
import io.capstan.core.workload.ReplicaSettings;

/** A workload's {@link ReplicaSettings} on a Swarm service's container spec. */
final class ReplicaContainer {
    private ReplicaContainer() {
    }

    static void apply(ReplicaSettings r, ContainerSpec container) {
        if (r.user() != null) {
            container.withUser(r.user());
        }
        if (r.workingDir() != null) {
            container.withDir(r.workingDir());
        }
        if (r.hostname() != null) {
            container.withHostname(r.hostname());
        }
        if (!r.extraHosts().isEmpty()) {
            // Swarm's hosts file entries are "ADDRESS HOST", Compose's "HOST:ADDRESS".
            container.withHosts(r.extraHosts().stream().map(ReplicaContainer::hostsEntry).toList());
        }
        if (r.stopGracePeriod() != null) {
            container.withStopGracePeriod(r.stopGracePeriod().toNanos());
        }
        if (!r.containerLabels().isEmpty()) {
            container.withLabels(r.containerLabels());
        }
        if (!r.secrets().isEmpty()) {
            container.withSecrets(r.secrets().stream().map(f -> new ContainerSpecSecret().withSecretName(f.name())
                    .withFile(file(f))).toList());
        }
        if (!r.configs().isEmpty()) {
            container.withConfigs(r.configs().stream().map(f -> new ContainerSpecConfig().withConfigName(f.name())
                    .withFile(file(f))).toList());
        }
    }

    private static ContainerSpecFile file(ReplicaSettings.FileRef f) {
        return new ContainerSpecFile().withName(f.target()).withUid("0").withGid("0").withMode((long) f.mode());
    }

    static String hostsEntry(String hostColonAddress) {
        int colon = hostColonAddress.indexOf(':');
        return colon < 0 ? hostColonAddress
                : hostColonAddress.substring(colon + 1) + " " + hostColonAddress.substring(0, colon);
    }
}
