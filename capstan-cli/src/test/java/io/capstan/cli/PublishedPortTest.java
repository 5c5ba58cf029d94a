package io.capstan.cli;

import io.capstan.core.error.InvalidSpecException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** capstan managed -p: Docker's forms and Capstan's, and never a value dropped. */
class PublishedPortTest {
    @Test
    void dockersFormsKeepTheHostPort() {
        assertThat(PublishedPort.parse("18702:80", "-p")).isEqualTo(new PublishedPort("80/tcp", 18702));
        assertThat(PublishedPort.parse("5353:53/udp", "-p")).isEqualTo(new PublishedPort("53/udp", 5353));
        assertThat(PublishedPort.parse("0.0.0.0:8080:80", "-p")).isEqualTo(new PublishedPort("80/tcp", 8080));
        assertThat(PublishedPort.parse("80", "-p")).isEqualTo(new PublishedPort("80/tcp", null));
        assertThat(PublishedPort.parse("53/udp", "-p")).isEqualTo(new PublishedPort("53/udp", null));
    }

    @Test
    void capstansFormStillWorks() {
        assertThat(PublishedPort.parse("80/tcp=8080", "-p")).isEqualTo(new PublishedPort("80/tcp", 8080));
        assertThat(PublishedPort.parse("80=0", "-p")).isEqualTo(new PublishedPort("80/tcp", null));
        Map<String, Integer> both = new java.util.LinkedHashMap<>();
        both.put("80/tcp", 8080);
        both.put("443/tcp", null);
        assertThat(PublishedPort.all(List.of("8080:80", "443"), "-p")).isEqualTo(both);
    }

    @Test
    void whatTheApiCannotDoIsRefusedNamingTheValue() {
        assertThatThrownBy(() -> PublishedPort.parse("80=abc", "-p")).isInstanceOf(InvalidSpecException.class)
                .hasMessage("-p '80=abc': the host port 'abc' is not a port number (1-65535, or 0 for any free one)");
        assertThatThrownBy(() -> PublishedPort.parse("127.0.0.1:8080:80", "-p"))
                .hasMessage("-p '127.0.0.1:8080:80': the control plane publishes on every address of the host and "
                        + "cannot bind 127.0.0.1 only; leave the address out, such as 8080:80");
        assertThatThrownBy(() -> PublishedPort.parse("eighty", "-p"))
                .hasMessage("-p 'eighty': expected CONTAINER[/PROTO], HOST:CONTAINER[/PROTO] or CONTAINER[/PROTO]=HOST, "
                        + "such as 80, 8080:80 or 80/tcp=8080");
        assertThatThrownBy(() -> PublishedPort.parse("8080:80=9090", "-p")).hasMessageContaining("give the host port once");
        assertThatThrownBy(() -> PublishedPort.all(List.of("8080:80", "9090:80"), "-p"))
                .hasMessage("-p '9090:80': container port 80/tcp is published twice");
    }
}
