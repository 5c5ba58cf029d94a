package io.capstan.docker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Debian's {@code docker-registry} on a free loopback port, for push and pull tests (no other registry is
 * reachable). The engine treats 127.0.0.0/8 registries as insecure by default, so no TLS is needed.
 */
final class LocalRegistry implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/bin/docker-registry");

    private final Process process;
    private final Path storage;
    private final String address;

    private LocalRegistry(Process process, Path storage, String address) {
        this.process = process;
        this.storage = storage;
        this.address = address;
    }

    static LocalRegistry start() throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: the test command installs the docker-registry package");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path storage = Files.createTempDirectory("capstan-registry");
        Path config = storage.resolve("config.yml");
        Files.writeString(config, """
                version: 0.1
                log:
                  level: warn
                storage:
                  filesystem:
                    rootdirectory: %s/data
                http:
                  addr: 127.0.0.1:%d
                """.formatted(storage, port));
        Process process = new ProcessBuilder(BINARY.toString(), "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(storage.resolve("registry.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return new LocalRegistry(process, storage, "127.0.0.1:" + port);
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("docker-registry exited: " + Files.readString(storage.resolve("registry.log")));
                }
                Thread.sleep(100);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("docker-registry did not listen on port " + port);
    }

    String address() {
        return address;
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try (var files = Files.walk(storage)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
