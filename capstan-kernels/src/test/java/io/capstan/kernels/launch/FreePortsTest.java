package io.capstan.kernels.launch;

import io.capstan.kernels.spec.PortRange;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

class FreePortsTest {
    @Test
    void aPortSomebodyListensOnIsNotFreeAndTheCountStopsAtEnough() throws IOException {
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = held.getLocalPort();
            assertThat(FreePorts.isFree("127.0.0.1", port)).isFalse();
            PortRange justThatOne = new PortRange(port, port + 4);
            assertThat(FreePorts.count("127.0.0.1", justThatOne, 5)).as("the range's other four ports, if free")
                    .isLessThanOrEqualTo(4);
        }
        PortRange wide = PortRange.parse("20000..29999");
        assertThat(FreePorts.count("127.0.0.1", wide, 5)).isEqualTo(5);
    }
}
