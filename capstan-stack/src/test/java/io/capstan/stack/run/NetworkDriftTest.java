package io.capstan.stack.run;

import io.capstan.core.model.NetworkInfo;
import io.capstan.core.spec.Ipam;
import io.capstan.stack.compose.ComposeProject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A stack network that exists with another configuration than the files now give it. */
class NetworkDriftTest {
    private static final Ipam SUBNET = new Ipam(null, List.of(new Ipam.Pool("172.28.5.0/24", null, null, Map.of())), Map.of());

    private static ComposeProject.Network wanted(Ipam ipam, Map<String, String> options, boolean internal) {
        return new ComposeProject.Network("net", "demo_net", "bridge", false, internal, Map.of(), options, ipam, false, false);
    }

    private static NetworkInfo actual(Ipam ipam, Map<String, String> options, boolean internal) {
        return new NetworkInfo("id", "demo_net", "bridge", "local", internal, Map.of(), options, ipam, false);
    }

    @Test
    void theSameNetworkHasNoDifferenceAndAnEngineChosenSubnetSatisfiesFilesThatSetNone() {
        assertThat(NetworkDrift.difference(wanted(SUBNET, Map.of(), false), actual(SUBNET, Map.of(), false))).isNull();
        var engineChosen = new Ipam("default", List.of(new Ipam.Pool("192.168.16.0/20", null, "192.168.16.1", Map.of())), Map.of());
        assertThat(NetworkDrift.difference(wanted(Ipam.DEFAULT, Map.of(), false), actual(engineChosen, Map.of(), false))).isNull();
        var withGateway = new Ipam("default", List.of(new Ipam.Pool("172.28.5.0/24", null, "172.28.5.1", Map.of())), Map.of());
        assertThat(NetworkDrift.difference(wanted(SUBNET, Map.of(), false), actual(withGateway, Map.of(), false)))
                .as("a gateway the files leave to the engine").isNull();
    }

    @Test
    void aChangedSubnetOptionOrInternalIsNamed() {
        var other = new Ipam(null, List.of(new Ipam.Pool("172.28.6.0/24", null, null, Map.of())), Map.of());
        assertThat(NetworkDrift.difference(wanted(other, Map.of(), false), actual(SUBNET, Map.of(), false)))
                .isEqualTo("subnets [172.28.5.0/24], but the files ask for [172.28.6.0/24]");
        assertThat(NetworkDrift.difference(wanted(SUBNET, Map.of("a", "b"), false), actual(SUBNET, Map.of(), false)))
                .isEqualTo("driver_opts {}, but the files ask for {a=b}");
        assertThat(NetworkDrift.difference(wanted(SUBNET, Map.of(), true), actual(SUBNET, Map.of(), false)))
                .isEqualTo("internal false, but the files ask for true");
    }
}
