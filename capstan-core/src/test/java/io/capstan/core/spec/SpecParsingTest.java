package io.capstan.core.spec;

import io.capstan.core.error.InvalidSpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpecParsingTest {

    @Test
    void portsInDockerShortForm() {
        assertThat(PortMapping.parse("80")).isEqualTo(new PortMapping(80, "tcp", "", 0));
        assertThat(PortMapping.parse("8080:80")).isEqualTo(new PortMapping(80, "tcp", "", 8080));
        assertThat(PortMapping.parse("127.0.0.1:8080:80")).isEqualTo(new PortMapping(80, "tcp", "127.0.0.1", 8080));
        assertThat(PortMapping.parse("127.0.0.1::53/udp")).isEqualTo(new PortMapping(53, "udp", "127.0.0.1", 0));
        assertThat(PortMapping.parse("8080:80").toString()).isEqualTo("0.0.0.0:8080->80/tcp");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http", "8080:", "70000:80", "80/icmp", "a:b:c:d", "0"})
    void badPortsNameTheValue(String text) {
        assertThatThrownBy(() -> PortMapping.parse(text))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining(text.equals("0") ? "container port 0" : "'" + text + "'");
    }

    @Test
    void volumesInDockerShortForm() {
        assertThat(Mount.parse("data:/var/lib/data")).isEqualTo(Mount.volume("data", "/var/lib/data"));
        assertThat(Mount.parse("/srv:/srv:ro")).isEqualTo(new Mount(Mount.Type.BIND, "/srv", "/srv", true));
        assertThat(Mount.parse("/cache")).isEqualTo(new Mount(Mount.Type.VOLUME, "", "/cache", false));
        assertThatThrownBy(() -> Mount.parse("data:relative")).hasMessageContaining("absolute path");
        assertThatThrownBy(() -> Mount.parse("a:/b:rw:x")).hasMessageContaining("'a:/b:rw:x'");
    }

    @Test
    void restartPolicies() {
        assertThat(RestartPolicy.parse("on-failure:3")).isEqualTo(new RestartPolicy(RestartPolicy.Mode.ON_FAILURE, 3));
        assertThat(RestartPolicy.parse("unless-stopped").engineName()).isEqualTo("unless-stopped");
        assertThat(RestartPolicy.parse("no")).isEqualTo(RestartPolicy.NO);
        assertThatThrownBy(() -> RestartPolicy.parse("sometimes")).hasMessageContaining("'sometimes'");
        assertThatThrownBy(() -> RestartPolicy.parse("always:3")).hasMessageContaining("only on-failure");
    }

    @Test
    void containerNamesFollowTheEngineRules() {
        assertThat(ContainerSpec.builder("img").name("web-1").build().name()).isEqualTo("web-1");
        assertThatThrownBy(() -> ContainerSpec.builder("img").name("w").build()).hasMessageContaining("'w'");
        assertThatThrownBy(() -> ContainerSpec.builder("img").name("-web").build()).hasMessageContaining("'-web'");
        assertThatThrownBy(() -> ContainerSpec.builder(" ").build()).hasMessageContaining("needs an image");
    }

    @Test
    void resourcesParseBothStrings() {
        assertThat(Resources.parse("0.5", "512Mi")).isEqualTo(new Resources(500_000_000L, 512L << 20));
        assertThat(Resources.parse(null, "")).isEqualTo(Resources.UNLIMITED);
    }
}
