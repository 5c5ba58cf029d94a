package io.capstan.core.spec;

import java.util.Map;

/**
 * A network to create: {@code driver} is {@code bridge} when null; {@code internal} cuts it off from outside.
 *
 * @param options    driver options ({@code driver_opts} in compose)
 * @param ipam       address management: subnets, ranges, gateways; {@link Ipam#DEFAULT} lets the engine choose
 * @param enableIpv6 gives the network IPv6 addresses too
 * @param attachable containers outside a stack (or swarm service) may be attached to it
 */
public record NetworkSpec(String name, String driver, Map<String, String> labels, boolean internal,
                          Map<String, String> options, Ipam ipam, boolean enableIpv6, boolean attachable) {
    public NetworkSpec {
        driver = driver == null || driver.isBlank() ? "bridge" : driver;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        options = options == null ? Map.of() : Map.copyOf(options);
        ipam = ipam == null ? Ipam.DEFAULT : ipam;
    }

    public NetworkSpec(String name, String driver, Map<String, String> labels, boolean internal) {
        this(name, driver, labels, internal, Map.of(), Ipam.DEFAULT, false, false);
    }

    public static NetworkSpec bridge(String name, Map<String, String> labels) {
        return new NetworkSpec(name, "bridge", labels, false);
    }
}
