package io.capstan.server;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which Host headers a server on loopback answers: the loopback names and its own, with any port, nothing else. */
class LoopbackHostsTest {
    @Test
    void theLoopbackNamesAndTheBoundNameWithAnyPort() {
        LoopbackHosts hosts = new LoopbackHosts("127.0.0.2");
        assertThat(new String[]{"localhost", "LocalHost:8000", "127.0.0.1", "127.0.0.1:1", "[::1]", "[::1]:8000",
                "127.0.0.2:8000", null, ""}).allMatch(hosts::allows);
    }

    @Test
    void anyOtherNameIsRefusedHoweverItIsDressed() {
        LoopbackHosts hosts = new LoopbackHosts("127.0.0.1");
        assertThat(new String[]{"evil.example", "evil.example:8000", "localhost.evil.example", "127.0.0.1.nip.io",
                "127.0.0.1:80x", "127.0.0.2:8000", "[::2]:8000", "localhost:8000@evil.example"})
                .noneMatch(hosts::allows);
    }

    @Test
    void anIpv6BindIsItsBracketedName() {
        assertThat(new LoopbackHosts("::1").allows("[::1]:9000")).isTrue();
        assertThat(new LoopbackHosts("::1").allows("::1")).isFalse();
    }
}
