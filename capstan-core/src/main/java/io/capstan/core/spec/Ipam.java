package io.capstan.core.spec;

import java.util.List;
import java.util.Map;

/**
 * How a network hands out addresses.
 *
 * @param driver  the IPAM driver, or null for the engine's default
 * @param pools   address pools; empty lets the engine pick a subnet
 * @param options options for the IPAM driver
 */
public record Ipam(String driver, List<Pool> pools, Map<String, String> options) {
    public static final Ipam DEFAULT = new Ipam(null, List.of(), Map.of());

    public Ipam {
        driver = driver == null || driver.isBlank() ? null : driver;
        pools = pools == null ? List.of() : List.copyOf(pools);
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    /**
     * One pool: a subnet in CIDR form, optionally the range containers get addresses from, the gateway, and
     * addresses the engine must not hand out (by host name).
     */
    public record Pool(String subnet, String ipRange, String gateway, Map<String, String> auxAddresses) {
        public Pool {
            auxAddresses = auxAddresses == null ? Map.of() : Map.copyOf(auxAddresses);
        }
    }
}
