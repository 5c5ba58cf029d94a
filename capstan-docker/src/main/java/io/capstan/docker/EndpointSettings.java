package io.capstan.docker;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.dockerjava.api.model.ContainerNetwork;
import io.capstan.core.spec.NetworkAttachment;

import java.util.List;

/** A container's settings on one network (aliases and the addresses it asks for), as docker-java sends them. */
final class EndpointSettings {
    private EndpointSettings() {
    }

    static ContainerNetwork of(NetworkAttachment attachment) {
        ContainerNetwork network = new ContainerNetwork().withAliases(attachment.aliases());
        if (attachment.fixesAddresses()) {
            network.withIpamConfig(new Addresses(attachment.linkLocalIps())
                    .withIpv4Address(attachment.ipv4Address()).withIpv6Address(attachment.ipv6Address()));
        }
        return network;
    }

    /** docker-java's endpoint IPAM settings have no place for link-local addresses; the Engine API does. */
    static final class Addresses extends ContainerNetwork.Ipam {
        @JsonProperty("LinkLocalIPs")
        private final List<String> linkLocalIps;

        Addresses(List<String> linkLocalIps) {
            this.linkLocalIps = linkLocalIps.isEmpty() ? null : linkLocalIps;
        }
    }
}
