package io.capstan.stack.compose;

import io.capstan.core.error.ConfigException;
import io.capstan.core.spec.Ipam;
import io.capstan.stack.compose.ComposeProject.Network;
import io.capstan.stack.compose.ComposeProject.ServiceNetwork;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the top-level {@code networks:} and a service's {@code networks:}, {@code network_mode} and
 * {@code mac_address}, checking what the engine would refuse (a fixed address outside its network's subnet, keys
 * that clash with {@code network_mode}) before anything is created.
 */
final class NetworkReader {
    private static final Set<String> NETWORK_KEYS = Set.of("name", "driver", "driver_opts", "ipam", "external",
            "internal", "enable_ipv6", "attachable", "labels");
    private static final Set<String> IPAM_KEYS = Set.of("driver", "config", "options");
    private static final Set<String> POOL_KEYS = Set.of("subnet", "ip_range", "gateway", "aux_addresses");
    private static final Set<String> SERVICE_NETWORK_KEYS = Set.of("aliases", "ipv4_address", "ipv6_address",
            "link_local_ips", "mac_address", "priority");
    /** Keys the engine refuses beside a network mode that shares another container's network stack. */
    private static final List<String> NOT_WITH_SHARED_STACK = List.of("ports", "expose", "hostname", "extra_hosts",
            "mac_address");
    private static final Pattern MAC = Pattern.compile("[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}");

    /** What a service says about its networking. */
    record Networking(Map<String, ServiceNetwork> networks, String networkMode, String macAddress) {
        /** True for {@code service:} and {@code container:}: the container has no network stack of its own. */
        boolean sharesStack() {
            return networkMode != null && (networkMode.startsWith("service:") || networkMode.startsWith("container:"));
        }

        /** The service whose network stack this one joins ({@code service:NAME}), or null. */
        String networkService() {
            return networkMode != null && networkMode.startsWith("service:") ? networkMode.substring("service:".length()) : null;
        }
    }

    private final ComposeValues values;
    private final Set<String> serviceNames;
    private final List<String> warnings;

    NetworkReader(ComposeValues values, Set<String> serviceNames, List<String> warnings) {
        this.values = values;
        this.serviceNames = serviceNames;
        this.warnings = warnings;
    }

    Map<String, Network> networks(Object topLevel, String project) {
        Map<String, Network> result = new LinkedHashMap<>();
        values.mapping(topLevel, "networks").forEach((key, value) -> {
            String at = "networks." + key;
            Map<String, Object> n = value == null ? Map.of() : values.mapping(value, at);
            warnUnknown(n, NETWORK_KEYS, at, "network '" + key + "'");
            String name = ResourceNames.name(n, "network", key, project, at, values, Set.of("driver"));
            result.put(key, new Network(key, name, values.string(n.get("driver"), at + ".driver", "bridge"),
                    ResourceNames.external(n, at, values), values.bool(n.get("internal"), at + ".internal"),
                    values.stringMap(n.get("labels"), at + ".labels"), values.stringMap(n.get("driver_opts"), at + ".driver_opts"),
                    ipam(n.get("ipam"), at + ".ipam"), values.bool(n.get("enable_ipv6"), at + ".enable_ipv6"),
                    values.bool(n.get("attachable"), at + ".attachable")));
        });
        return result;
    }

    private Ipam ipam(Object value, String at) {
        if (value == null) {
            return Ipam.DEFAULT;
        }
        Map<String, Object> ipam = values.mapping(value, at);
        warnUnknown(ipam, IPAM_KEYS, at, "ipam");
        List<Ipam.Pool> pools = new ArrayList<>();
        List<?> configs = values.list(ipam.get("config"), at + ".config");
        for (int i = 0; i < configs.size(); i++) {
            String poolAt = at + ".config[" + i + "]";
            Map<String, Object> p = values.mapping(configs.get(i), poolAt);
            warnUnknown(p, POOL_KEYS, poolAt, "ipam config");
            String subnet = values.string(p.get("subnet"), poolAt + ".subnet", null);
            String ipRange = values.string(p.get("ip_range"), poolAt + ".ip_range", null);
            String gateway = values.string(p.get("gateway"), poolAt + ".gateway", null);
            if (subnet != null) {
                Subnet parsed = values.parse(poolAt + ".subnet", () -> Subnet.parse(subnet));
                if (ipRange != null && !parsed.contains(values.parse(poolAt + ".ip_range", () -> Subnet.parse(ipRange)).first())) {
                    throw new ConfigException(values.where(poolAt + ".ip_range") + "ip_range '" + ipRange
                            + "' is outside subnet " + subnet);
                }
                if (gateway != null && !parsed.contains(values.parse(poolAt + ".gateway", () -> Subnet.address(gateway)))) {
                    throw new ConfigException(values.where(poolAt + ".gateway") + "gateway " + gateway
                            + " is outside subnet " + subnet);
                }
            }
            pools.add(new Ipam.Pool(subnet, ipRange, gateway, values.stringMap(p.get("aux_addresses"), poolAt + ".aux_addresses")));
        }
        return new Ipam(values.string(ipam.get("driver"), at + ".driver", null), pools,
                values.stringMap(ipam.get("options"), at + ".options"));
    }

    Networking service(String service, Map<String, Object> s, Map<String, Network> networks, String project) {
        String at = "services." + service;
        String mode = values.string(s.get("network_mode"), at + ".network_mode", null);
        String mac = values.string(s.get("mac_address"), at + ".mac_address", null);
        if (mac != null) {
            checkMac(mac, at + ".mac_address");
        }
        if (mode != null) {
            checkMode(service, s, mode, at);
            return new Networking(Map.of(), mode, mac);
        }
        Map<String, ServiceNetwork> result = new LinkedHashMap<>();
        Map<String, Object> keyed = ComposeMerge.keyed(s.get("networks"), null);
        if (keyed.isEmpty()) {
            keyed = Map.of("default", Map.of());
        }
        keyed.forEach((key, settings) -> {
            if (!networks.containsKey(key)) {
                if (!key.equals("default")) {
                    throw new ConfigException(values.where(at + ".networks") + "network '" + key
                            + "' is not declared under the top-level 'networks:'");
                }
                networks.put(key, Network.implicitDefault(project));
            }
            result.put(key, serviceNetwork(service, networks.get(key), settings, at + ".networks." + key));
        });
        checkMacs(service, result, mac, at);
        return new Networking(result, null, mac);
    }

    private void checkMode(String service, Map<String, Object> s, String mode, String at) {
        String modeAt = at + ".network_mode";
        if (s.containsKey("networks")) {
            throw new ConfigException(values.where(at + ".networks") + "service '" + service
                    + "': network_mode and networks cannot be combined: drop one of them");
        }
        String target = mode.contains(":") ? mode.substring(mode.indexOf(':') + 1) : null;
        boolean shared = mode.startsWith("service:") || mode.startsWith("container:");
        if (mode.isBlank() || (shared && target.isBlank())) {
            throw new ConfigException(values.where(modeAt) + "service '" + service + "': network_mode '" + mode
                    + "' is not one of host, none, bridge, service:NAME, container:NAME or a network's name");
        }
        if (mode.startsWith("service:") && !serviceNames.contains(target)) {
            throw new ConfigException(values.where(modeAt) + "service '" + service + "': network_mode '" + mode
                    + "' names '" + target + "', which is not a service of this stack");
        }
        if (mode.equals("service:" + service)) {
            throw new ConfigException(values.where(modeAt) + "service '" + service + "': network_mode '" + mode
                    + "' names the service itself: name another service");
        }
        for (String key : shared ? NOT_WITH_SHARED_STACK : mode.equals("host") ? List.of("mac_address") : List.<String>of()) {
            if (s.get(key) != null) {
                throw new ConfigException(values.where(at + "." + key) + "service '" + service + "': " + key
                        + " cannot be set with network_mode '" + mode + "'"
                        + (shared ? ": the container uses " + target + "'s network stack, set it there" : ": the container uses the host's network stack"));
            }
        }
        if ((mode.equals("host") || mode.equals("none")) && s.get("ports") != null) {
            warnings.add(values.where(at + ".ports") + "service '" + service + "': ports are not published with network_mode '"
                    + mode + "': " + (mode.equals("host") ? "the service's ports are the host's own" : "the container has no network"));
        }
    }

    private ServiceNetwork serviceNetwork(String service, Network network, Object settings, String at) {
        Map<String, Object> s = settings == null ? Map.of() : values.mapping(settings, at);
        warnUnknown(s, SERVICE_NETWORK_KEYS, at, "service '" + service + "': network '" + at.substring(at.lastIndexOf('.') + 1) + "'");
        String ipv4 = values.string(s.get("ipv4_address"), at + ".ipv4_address", null);
        String ipv6 = values.string(s.get("ipv6_address"), at + ".ipv6_address", null);
        if (ipv4 != null) {
            checkAddress(service, network, ipv4, true, at + ".ipv4_address");
        }
        if (ipv6 != null) {
            checkAddress(service, network, ipv6, false, at + ".ipv6_address");
        }
        List<String> linkLocal = values.strings(s.get("link_local_ips"), at + ".link_local_ips");
        linkLocal.forEach(ip -> values.parse(at + ".link_local_ips", () -> Subnet.address(ip)));
        String mac = values.string(s.get("mac_address"), at + ".mac_address", null);
        if (mac != null) {
            checkMac(mac, at + ".mac_address");
        }
        int priority = s.get("priority") == null ? 0 : values.integer(s.get("priority"), at + ".priority");
        return new ServiceNetwork(values.strings(s.get("aliases"), at + ".aliases"), ipv4, ipv6, linkLocal, mac, priority);
    }

    private void warnUnknown(Map<String, Object> definition, Set<String> known, String at, String what) {
        definition.keySet().stream().filter(k -> !known.contains(k) && !k.startsWith("x-"))
                .forEach(k -> warnings.add(values.where(at + "." + k) + what + ": key '" + k + "' is not supported and is ignored"));
    }

    /** A fixed address must be of its kind and inside one of the network's subnets, as the engine requires. */
    private void checkAddress(String service, Network network, String address, boolean ipv4, String at) {
        String key = ipv4 ? "ipv4_address" : "ipv6_address";
        byte[] bytes = values.parse(at, () -> Subnet.address(address));
        if ((bytes.length == 4) != ipv4) {
            throw new ConfigException(values.where(at) + "service '" + service + "': " + key + " '" + address
                    + "' is not an " + (ipv4 ? "IPv4" : "IPv6") + " address");
        }
        if (network.external()) {
            return; // its subnets are the engine's to know
        }
        if (!ipv4 && !network.enableIpv6()) {
            throw new ConfigException(values.where(at) + "service '" + service + "': ipv6_address " + address
                    + " needs IPv6 on network '" + network.key() + "': set networks." + network.key() + ".enable_ipv6: true");
        }
        List<String> subnets = network.ipam().pools().stream().map(Ipam.Pool::subnet)
                .filter(subnet -> subnet != null && Subnet.parse(subnet).isIpv4() == ipv4).toList();
        if (subnets.isEmpty()) {
            throw new ConfigException(values.where(at) + "service '" + service + "': " + key + " " + address
                    + " needs a subnet of its kind on network '" + network.key() + "': set one under networks."
                    + network.key() + ".ipam.config (the engine gives fixed addresses only on configured subnets)");
        }
        if (subnets.stream().noneMatch(subnet -> Subnet.parse(subnet).contains(bytes))) {
            throw new ConfigException(values.where(at) + "service '" + service + "': " + key + " " + address
                    + " is outside network '" + network.key() + "' (subnet " + String.join(", ", subnets)
                    + "): pick an address inside it");
        }
    }

    private void checkMac(String mac, String at) {
        if (!MAC.matcher(mac).matches()) {
            throw new ConfigException(values.where(at) + "mac_address '" + mac
                    + "' is not a MAC address: expected six hex pairs such as 02:42:ac:11:00:02");
        }
    }

    /**
     * The engine (API before 1.44) sets a MAC address on a container's primary network only, so a network's own
     * {@code mac_address} is taken there and refused elsewhere.
     */
    private void checkMacs(String service, Map<String, ServiceNetwork> networks, String serviceMac, String at) {
        String primary = ServiceNetwork.byPriority(networks).getFirst();
        networks.forEach((key, settings) -> {
            String macAt = at + ".networks." + key + ".mac_address";
            if (settings.macAddress() == null) {
                return;
            }
            if (!key.equals(primary)) {
                throw new ConfigException(values.where(macAt) + "service '" + service + "': mac_address on network '" + key
                        + "': the engine sets a MAC address on the primary network only, here '" + primary
                        + "' (highest priority, then first by name)");
            }
            if (serviceMac != null && !serviceMac.equalsIgnoreCase(settings.macAddress())) {
                throw new ConfigException(values.where(macAt) + "service '" + service + "': mac_address "
                        + settings.macAddress() + " on network '" + key + "' differs from the service's mac_address "
                        + serviceMac + ": keep one");
            }
        });
    }
}
