package io.capstan.control.managed;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spec label of a known request, as every earlier control plane wrote it: a different value for an unchanged
 * desired image would replace every running replica on upgrade.
 */
class ReplicaSpecTest {
    @Test
    void anUnchangedRequestKeepsTheHashItsReplicasWereCreatedWith() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("MODE", "test");
        env.put("GREETING", "hello world");
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("8080/tcp", 0);
        ports.put("9090/tcp", 19090);
        CreateRequest request = new CreateRequest("capstan-busybox:test", env, ports, ResourceLimits.NONE,
                List.of("httpd", "-f", "-p", "8080"), null);

        assertThat(ReplicaSpec.hash(request)).isEqualTo("5960aaa7c9091f0b");
        assertThat(ReplicaSpec.hash(new CreateRequest("capstan-busybox:test", env, ports, ResourceLimits.NONE,
                List.of("httpd", "-f", "-p", "8081"), null))).isNotEqualTo("5960aaa7c9091f0b");
    }
}
