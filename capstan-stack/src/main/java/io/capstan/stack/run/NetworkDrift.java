package io.capstan.stack.run;

import io.capstan.core.error.ConflictException;
import io.capstan.core.model.NetworkInfo;
import io.capstan.core.spec.Ipam;
import io.capstan.stack.compose.ComposeProject;

import java.util.List;
import java.util.Objects;

/**
 * A stack's network that exists already but not as the files now describe it (another subnet, driver or option):
 * the engine cannot change a network in place, so {@code plan} and {@code up} stop before anything is created, as
 * docker-compose does, rather than leaving containers on the old network or failing on an address outside its subnet.
 */
final class NetworkDrift {
    private NetworkDrift() {
    }

    /** @param existing the networks that carry the stack's labels */
    static void check(ComposeProject project, List<NetworkInfo> existing) {
        for (ComposeProject.Network wanted : project.networks().values()) {
            NetworkInfo actual = existing.stream().filter(n -> n.name().equals(wanted.name())).findFirst().orElse(null);
            if (wanted.external() || actual == null) {
                continue;
            }
            String difference = difference(wanted, actual);
            if (difference != null) {
                throw new ConflictException("network '" + wanted.name() + "' (networks." + wanted.key() + ") exists with "
                        + difference + ": a network cannot change in place; take the stack down first so that up "
                        + "creates it again");
            }
        }
    }

    /** What differs, in a few words, or null. */
    static String difference(ComposeProject.Network wanted, NetworkInfo actual) {
        if (!wanted.driver().equals(actual.driver())) {
            return "driver " + actual.driver() + ", but the files ask for " + wanted.driver();
        }
        if (!wanted.driverOpts().equals(actual.options())) {
            return "driver_opts " + actual.options() + ", but the files ask for " + wanted.driverOpts();
        }
        if (wanted.internal() != actual.internal()) {
            return "internal " + actual.internal() + ", but the files ask for " + wanted.internal();
        }
        if (wanted.enableIpv6() != actual.enableIpv6()) {
            return "enable_ipv6 " + actual.enableIpv6() + ", but the files ask for " + wanted.enableIpv6();
        }
        Ipam want = wanted.ipam();
        Ipam have = actual.ipam();
        if (want.driver() != null && !want.driver().equals(have.driver())) {
            return "IPAM driver " + have.driver() + ", but the files ask for " + want.driver();
        }
        if (!want.options().isEmpty() && !want.options().equals(have.options())) {
            return "IPAM options " + have.options() + ", but the files ask for " + want.options();
        }
        if (want.pools().isEmpty()) {
            return null; // the engine chose the subnet: any will do
        }
        List<String> wantSubnets = want.pools().stream().map(Ipam.Pool::subnet).sorted().toList();
        List<String> haveSubnets = have.pools().stream().map(Ipam.Pool::subnet).sorted().toList();
        if (!wantSubnets.equals(haveSubnets)) {
            return "subnets " + haveSubnets + ", but the files ask for " + wantSubnets;
        }
        for (Ipam.Pool pool : want.pools()) {
            Ipam.Pool existing = have.pools().stream().filter(p -> Objects.equals(p.subnet(), pool.subnet())).findFirst()
                    .orElseThrow();
            if (!Objects.equals(pool.ipRange(), existing.ipRange())) {
                return "ip_range " + existing.ipRange() + " in " + pool.subnet() + ", but the files ask for " + pool.ipRange();
            }
            if (pool.gateway() != null && !pool.gateway().equals(existing.gateway())) {
                return "gateway " + existing.gateway() + " in " + pool.subnet() + ", but the files ask for " + pool.gateway();
            }
        }
        return null;
    }
}
