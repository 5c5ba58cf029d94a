package io.capstan.orchestration;

import io.capstan.core.error.InvalidSpecException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Ports as the {@code -p} options write them, and what is refused, in one line each. */
class PortsTest {

    @Test
    void servicePortsReadPortTargetNodePortAndProtocol() {
        assertThat(ServicePort.parse("80")).isEqualTo(new ServicePort(80, 80, "TCP", 0));
        assertThat(ServicePort.parse("80:8080")).isEqualTo(new ServicePort(80, 8080, "TCP", 0));
        assertThat(ServicePort.parse("80:8080:30080")).isEqualTo(new ServicePort(80, 8080, "TCP", 30080));
        assertThat(ServicePort.parse("53/udp")).isEqualTo(new ServicePort(53, 53, "UDP", 0));
        assertThat(ServicePort.parse("80:8080:30080").toString()).isEqualTo("80:8080:30080/TCP");
    }

    @Test
    void containerPortsReadPortAndProtocol() {
        assertThat(ContainerPort.parse("8080")).isEqualTo(new ContainerPort(8080, "TCP"));
        assertThat(ContainerPort.parse("9000/sctp").toString()).isEqualTo("9000/SCTP");
    }

    @Test
    void wrongPortsSayWhatIsExpected() {
        assertThatThrownBy(() -> ServicePort.parse("web")).isInstanceOf(InvalidSpecException.class)
                .hasMessage("invalid port 'web': expected PORT[:TARGET_PORT[:NODE_PORT]][/PROTOCOL], such as 80:8080 "
                        + "or 53/udp");
        assertThatThrownBy(() -> ServicePort.parse("1:2:30000:4")).hasMessageStartingWith("invalid port '1:2:30000:4'");
        assertThatThrownBy(() -> ServicePort.parse("70000")).hasMessage("invalid service port 70000: expected 1-65535");
        assertThatThrownBy(() -> ServicePort.parse("80:70000"))
                .hasMessage("invalid target port 70000 of service port 80: expected 1-65535");
        assertThatThrownBy(() -> ServicePort.parse("80/http"))
                .hasMessage("invalid protocol 'HTTP' of port 80: expected TCP, UDP or SCTP");
        assertThatThrownBy(() -> ContainerPort.parse("0")).hasMessage("invalid container port 0: expected 1-65535");
    }
}
