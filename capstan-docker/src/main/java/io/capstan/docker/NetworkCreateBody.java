package io.capstan.docker;

import io.capstan.core.spec.Ipam;
import io.capstan.core.spec.NetworkSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Engine API's body for {@code POST /networks/create}. Written out here rather than through docker-java,
 * whose request has no place for IPAM options or a pool's auxiliary addresses.
 */
final class NetworkCreateBody {
    private NetworkCreateBody() {
    }

    static Map<String, Object> of(NetworkSpec spec) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Name", spec.name());
        body.put("CheckDuplicate", true);
        body.put("Driver", spec.driver());
        body.put("Internal", spec.internal());
        body.put("Attachable", spec.attachable());
        body.put("EnableIPv6", spec.enableIpv6());
        body.put("Options", spec.options());
        body.put("Labels", spec.labels());
        if (!spec.ipam().equals(Ipam.DEFAULT)) {
            body.put("IPAM", ipam(spec.ipam()));
        }
        return body;
    }

    private static Map<String, Object> ipam(Ipam ipam) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Driver", ipam.driver() == null ? "default" : ipam.driver());
        List<Map<String, Object>> pools = new ArrayList<>();
        for (Ipam.Pool pool : ipam.pools()) {
            Map<String, Object> p = new LinkedHashMap<>();
            putIfPresent(p, "Subnet", pool.subnet());
            putIfPresent(p, "IPRange", pool.ipRange());
            putIfPresent(p, "Gateway", pool.gateway());
            if (!pool.auxAddresses().isEmpty()) {
                p.put("AuxiliaryAddresses", pool.auxAddresses());
            }
            pools.add(p);
        }
        out.put("Config", pools);
        out.put("Options", ipam.options());
        return out;
    }

    private static void putIfPresent(Map<String, Object> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
