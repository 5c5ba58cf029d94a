package io.capstan.core.model;

import io.capstan.core.spec.Ipam;

import java.util.Map;

/**
 * A network as the engine reports it.
 *
 * @param options    the driver's options
 * @param ipam       its address pools (auxiliary addresses are not reported)
 * @param enableIpv6 whether it has IPv6 addresses too
 */
public record NetworkInfo(String id, String name, String driver, String scope, boolean internal,
                          Map<String, String> labels, Map<String, String> options, Ipam ipam, boolean enableIpv6) {
    public NetworkInfo {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        options = options == null ? Map.of() : Map.copyOf(options);
        ipam = ipam == null ? Ipam.DEFAULT : ipam;
    }
}
