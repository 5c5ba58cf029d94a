package io.capstan.stack.compose;

import io.capstan.core.spec.Ipam;
import io.capstan.stack.compose.ComposeProject.Network;
import io.capstan.stack.compose.ComposeProject.ServiceNetwork;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import static io.capstan.stack.compose.ComposeConfig.putIfPresent;

/** Networks, top-level and a service's, in the shape {@code docker compose config} prints them. */
final class NetworkConfig {
    private NetworkConfig() {
    }

    static Map<String, Object> network(Network network) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", network.name());
        out.put("driver", network.driver());
        putIfPresent(out, "driver_opts", network.driverOpts().isEmpty() ? null : new TreeMap<>(network.driverOpts()));
        putIfPresent(out, "ipam", network.ipam().equals(Ipam.DEFAULT) ? null : ipam(network.ipam()));
        putIfPresent(out, "external", network.external() ? true : null);
        putIfPresent(out, "internal", network.internal() ? true : null);
        putIfPresent(out, "enable_ipv6", network.enableIpv6() ? true : null);
        putIfPresent(out, "attachable", network.attachable() ? true : null);
        putIfPresent(out, "labels", network.labels().isEmpty() ? null : new TreeMap<>(network.labels()));
        return out;
    }

    private static Map<String, Object> ipam(Ipam ipam) {
        Map<String, Object> out = new LinkedHashMap<>();
        putIfPresent(out, "driver", ipam.driver());
        if (!ipam.pools().isEmpty()) {
            out.put("config", ipam.pools().stream().map(NetworkConfig::pool).toList());
        }
        putIfPresent(out, "options", ipam.options().isEmpty() ? null : new TreeMap<>(ipam.options()));
        return out;
    }

    private static Map<String, Object> pool(Ipam.Pool pool) {
        Map<String, Object> out = new LinkedHashMap<>();
        putIfPresent(out, "subnet", pool.subnet());
        putIfPresent(out, "ip_range", pool.ipRange());
        putIfPresent(out, "gateway", pool.gateway());
        putIfPresent(out, "aux_addresses", pool.auxAddresses().isEmpty() ? null : new TreeMap<>(pool.auxAddresses()));
        return out;
    }

    static Map<String, Object> serviceNetwork(ServiceNetwork settings) {
        Map<String, Object> out = new LinkedHashMap<>();
        putIfPresent(out, "aliases", settings.aliases().isEmpty() ? null : settings.aliases());
        putIfPresent(out, "ipv4_address", settings.ipv4Address());
        putIfPresent(out, "ipv6_address", settings.ipv6Address());
        putIfPresent(out, "link_local_ips", settings.linkLocalIps().isEmpty() ? null : settings.linkLocalIps());
        putIfPresent(out, "mac_address", settings.macAddress());
        putIfPresent(out, "priority", settings.priority() == 0 ? null : settings.priority());
        return out.isEmpty() ? Map.of() : out;
    }
}
