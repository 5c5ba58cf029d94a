package io.capstan.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ContainerNetwork;
import io.capstan.core.engine.NetworkOperations;
import io.capstan.core.error.ConflictException;
import io.capstan.core.model.NetworkInfo;
import io.capstan.core.spec.NetworkSpec;

import java.util.List;
import java.util.Map;

final class DockerNetworks implements NetworkOperations {
    private final DockerClient client;
    private final DockerErrors errors;

    DockerNetworks(DockerClient client, DockerErrors errors) {
        this.client = client;
        this.errors = errors;
    }

    @Override
    public NetworkInfo create(NetworkSpec spec) {
        // The engine allows two networks with one name unless asked not to; a name must mean one network.
        if (errors.call("network", spec.name(), () -> client.listNetworksCmd().withNameFilter(spec.name()).exec())
                .stream().anyMatch(n -> n.getName().equals(spec.name()))) {
            throw new ConflictException("network name '" + spec.name()
                    + "' is already in use: choose another name or remove the existing network");
        }
        String id = errors.call("network", spec.name(), () -> client.createNetworkCmd().withName(spec.name())
                .withDriver(spec.driver()).withLabels(spec.labels()).withInternal(spec.internal())
                .withCheckDuplicate(true).exec().getId());
        return inspect(id);
    }

    @Override
    public void remove(String ref) {
        errors.run("network", ref, () -> client.removeNetworkCmd(ref).exec());
    }

    @Override
    public List<NetworkInfo> list(Map<String, String> labels) {
        return errors.call("network", "list", () -> {
            var cmd = client.listNetworksCmd();
            if (!labels.isEmpty()) {
                cmd.withFilter("label", DockerContainers.labelFilter(labels));
            }
            return cmd.exec().stream().map(DockerMapper::network).toList();
        });
    }

    @Override
    public NetworkInfo inspect(String ref) {
        return errors.call("network", ref, () -> DockerMapper.network(client.inspectNetworkCmd().withNetworkId(ref).exec()));
    }

    @Override
    public void connect(String network, String container, List<String> aliases) {
        errors.run("network", network, () -> client.connectToNetworkCmd().withNetworkId(network)
                .withContainerId(container).withContainerNetwork(new ContainerNetwork().withAliases(aliases)).exec());
    }

    @Override
    public void disconnect(String network, String container, boolean force) {
        errors.run("network", network, () -> client.disconnectFromNetworkCmd().withNetworkId(network)
                .withContainerId(container).withForce(force).exec());
    }
}
