package io.capstan.docker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.transport.DockerHttpClient;
import io.capstan.core.engine.NetworkAliases;
import io.capstan.core.engine.NetworkOperations;
import io.capstan.core.error.ConflictException;
import io.capstan.core.model.NetworkInfo;
import io.capstan.core.spec.NetworkSpec;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

final class DockerNetworks implements NetworkOperations, NetworkAliases {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DockerClient client;
    private final DockerHttpClient http;
    private final DockerErrors errors;

    DockerNetworks(DockerClient client, DockerHttpClient http, DockerErrors errors) {
        this.client = client;
        this.http = http;
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
        return inspect(post(spec));
    }

    /** Creates the network and returns its id. */
    private String post(NetworkSpec spec) {
        return errors.call("network", spec.name(), () -> {
            try {
                var request = DockerHttpClient.Request.builder()
                        .method(DockerHttpClient.Request.Method.POST)
                        .path("/networks/create")
                        .putHeader("Content-Type", "application/json")
                        .body(new ByteArrayInputStream(JSON.writeValueAsBytes(NetworkCreateBody.of(spec))))
                        .build();
                try (var response = http.execute(request)) {
                    String body = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
                    if (response.getStatusCode() >= 400) {
                        String message = body.contains("\"message\"") ? JSON.readTree(body).path("message").asText() : body;
                        throw errors.translate("network", spec.name(), response.getStatusCode(), message.strip(), null);
                    }
                    return JSON.readTree(body).path("Id").asText();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public void remove(String ref) {
        try {
            errors.run("network", ref, () -> client.removeNetworkCmd(ref).exec());
        } catch (ConflictException inUse) {
            throw ContainersInUse.named(client, cmd -> cmd.withShowAll(false).withNetworkFilter(List.of(ref)), "network", ref,
                    "stop or disconnect {them} first", inUse);
        }
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
    public void connect(String network, String container) {
        connect(network, container, List.of());
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
