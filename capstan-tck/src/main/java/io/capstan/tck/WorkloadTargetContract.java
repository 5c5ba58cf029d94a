package io.capstan.tck;

import io.capstan.core.error.NotFoundException;
import io.capstan.core.workload.WorkloadPort;
import io.capstan.core.workload.WorkloadSpec;
import io.capstan.core.workload.WorkloadStatus;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The contract every {@link io.capstan.core.workload.WorkloadTarget} passes against a real target: the
 * {@link WorkloadControllerContract}, and what needs real replicas on a real network (a host-mode port answers, a
 * missing network is refused).
 */
public abstract class WorkloadTargetContract extends WorkloadControllerContract {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * Where a host-mode port published by a replica on {@code node} answers, as seen from this test: the local
     * machine by default; a backend whose nodes have addresses of their own (a multi-node swarm) gives the node's.
     */
    protected String addressOfNode(String node) {
        return "127.0.0.1";
    }

    @Test
    void aHostModePortAnswersOnTheNodeRunningTheReplica() throws Exception {
        String name = name("web");
        int port = freePort();
        target.create(WorkloadSpec.builder(name, TestImages.BUSYBOX)
                .command("sh", "-c", "echo workload-page > /tmp/index.html; exec httpd -f -p 8080 -h /tmp")
                .port(new WorkloadPort(port, 8080, "tcp", WorkloadPort.Mode.HOST))
                .endpointMode(WorkloadSpec.EndpointMode.DNSRR)
                .label(TEST_LABEL, run).build());
        WorkloadStatus status = awaitRunning(name, 1);
        assertThat(status.spec().ports()).containsExactly(new WorkloadPort(port, 8080, "tcp", WorkloadPort.Mode.HOST));
        String address = addressOfNode(status.currentTasks().getFirst().node());
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() ->
                http.send(HttpRequest.newBuilder(URI.create("http://" + address + ":" + port + "/index.html"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString())
                        .body().contains("workload-page"));
        target.remove(name);
    }

    @Test
    void aMissingNetworkIsRefusedWithItsName() {
        assertThatThrownBy(() -> target.create(sleeper("nonet", 1).network(name("no-such-network")).build()))
                .isInstanceOf(NotFoundException.class).hasMessageContaining(name("no-such-network"));
        assertThat(target.list(Map.of(TEST_LABEL, run))).extracting(WorkloadStatus::name).doesNotContain(name("nonet"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
