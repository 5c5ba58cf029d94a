package io.capstan.tck;

import io.capstan.core.label.Labels;
import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.engine.LogOptions;
import io.capstan.core.engine.Subscription;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.spec.ContainerSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every contract suite shares: the engine under test, made once per suite, and the clean-up. Every object a
 * suite creates carries the label {@code io.capstan.test=<run id>} and is removed by label afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EngineContractSupport {
    protected static final String TEST_LABEL = Labels.TEST;
    protected static final Duration PATIENCE = Duration.ofSeconds(30);

    protected final String run = UUID.randomUUID().toString().substring(0, 8);
    protected ContainerEngine engine;
    protected final List<String> imagesToRemove = Collections.synchronizedList(new ArrayList<>());
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** The engine under test; called once per suite. It knows the image {@link TestImages#BUSYBOX}. */
    protected abstract ContainerEngine createEngine();

    @BeforeAll
    void connect() {
        engine = createEngine();
        assertThat(engine.images().inspect(TestImages.BUSYBOX).id())
                .as("the test image %s (built by the test command)", TestImages.BUSYBOX).isNotBlank();
    }

    @AfterAll
    void reap() {
        if (engine == null) {
            return;
        }
        Map<String, String> mine = Map.of(TEST_LABEL, run);
        engine.containers().list(ContainerFilter.allWithLabels(mine)).forEach(c -> ignoringNotFound(
                () -> engine.containers().remove(c.id(), true, true)));
        engine.networks().list(mine).forEach(n -> ignoringNotFound(() -> engine.networks().remove(n.id())));
        engine.volumes().list(mine).forEach(v -> ignoringNotFound(() -> engine.volumes().remove(v.name())));
        imagesToRemove.forEach(i -> ignoringNotFound(() -> engine.images().remove(i, true)));
        engine.close();
    }

    protected String name(String role) {
        return "capstan-tck-" + run + "-" + role + "-" + UUID.randomUUID().toString().substring(0, 4);
    }

    protected Map<String, String> labels() {
        return Map.of(TEST_LABEL, run);
    }

    protected ContainerSpec.Builder spec(String name) {
        return ContainerSpec.builder(TestImages.BUSYBOX).name(name).labels(labels());
    }

    protected ContainerSpec.Builder httpd(String name) {
        return spec(name).command("httpd", "-f", "-p", "80", "-h", "/etc");
    }

    protected List<String> logs(String container) throws InterruptedException {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (Subscription s = engine.containers().logs(container, LogOptions.ALL, l -> lines.add(l.text()))) {
            s.awaitCompletion(PATIENCE);
        }
        return lines;
    }

    protected String get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    protected static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void ignoringNotFound(Runnable action) {
        try {
            action.run();
        } catch (NotFoundException gone) {
            // already removed
        }
    }

    /** A one-file tarball, enough for {@code docker import}. */
    protected static byte[] tarWith(String path, String content) throws IOException {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] header = new byte[512];
        put(header, 0, path, 100);
        put(header, 100, "0000644", 8);
        put(header, 108, "0000000", 8);
        put(header, 116, "0000000", 8);
        put(header, 124, String.format("%011o", data.length), 12);
        put(header, 136, String.format("%011o", 0), 12);
        java.util.Arrays.fill(header, 148, 156, (byte) ' ');
        header[156] = '0';
        put(header, 257, "ustar", 6);
        put(header, 263, "00", 2);
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum), 7);
        header[155] = ' ';
        out.write(header);
        out.write(data);
        out.write(new byte[(512 - data.length % 512) % 512]);
        out.write(new byte[1024]);
        return out.toByteArray();
    }

    private static void put(byte[] header, int offset, String value, int length) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, Math.min(bytes.length, length));
    }
}
