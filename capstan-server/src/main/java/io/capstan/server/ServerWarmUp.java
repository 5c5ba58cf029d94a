package io.capstan.server;

import io.capstan.control.ControlPlane;
import io.capstan.control.store.EventRecord;
import io.capstan.control.store.Store;
import io.capstan.control.store.Stores;
import io.capstan.core.engine.ContainerEngine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A server's busy first minutes, run once per build by the launcher while the JVM records the server's AOT cache
 * (classes loaded and linked, method profiles), so that a freshly started server streams its first events with
 * that work done. It runs a real server on a free loopback port with a throw-away database and token: the
 * dashboard's requests, and events stored and streamed to several clients at once. It asks nothing of the engine's
 * containers: the store is new, so nothing is desired and nothing is reconciled; its events name no real container.
 */
public final class ServerWarmUp {
    private static final String IMAGE = "capstan-warm-up/server:never";
    private static final int CLIENTS = 8;
    private static final int EVENTS = 2000;
    private static final int READ_TIMEOUT_MS = 30_000;
    private static final List<String> READS = List.of("/health", "/session", "/containers", "/desired", "/events",
            "/events?limit=50", "/metrics", "/openapi.json", "/stacks", "/kernels", "/autoscale/decisions", "/",
            "/app.js", "/pages.js", "/chart.js", "/app.css", "/no-such-route");

    private ServerWarmUp() {
    }

    /**
     * @param dir an empty scratch directory (the database and the token go there)
     * @return how many of its stream clients received every event it stored
     */
    public static int run(ContainerEngine engine, Path dir) throws IOException, InterruptedException {
        Store store = Stores.sqlite(dir.resolve("warm-up.db"));
        try (store; ControlPlane plane = ControlPlane.open(engine, store, ControlPlane.Options.DEFAULT)) {
            Tokens tokens = Tokens.open(dir, created -> { });
            String token = Files.readString(tokens.adminFile()).strip();
            try (ApiServer server = ApiServer.start(plane, tokens, new ServerOptions("127.0.0.1", 0, dir, false),
                    "warm-up")) {
                plane.run();
                URI url = server.url();
                for (int round = 0; round < 20; round++) {
                    for (String path : READS) {
                        get(url, path, token);
                    }
                }
                return stream(plane, url, token);
            }
        }
    }

    /** Events stored and streamed to {@link #CLIENTS} clients, with and without filters, until each has them all. */
    private static int stream(ControlPlane plane, URI url, String token) throws IOException, InterruptedException {
        String image = java.net.URLEncoder.encode(IMAGE, StandardCharsets.UTF_8);
        List<String> paths = List.of("/events/stream", "/events/stream?kind=lifecycle&image=" + image,
                "/events/stream?history=200", "/events/stream?kind=lifecycle,reconcile,health,stacks");
        CountDownLatch done = new CountDownLatch(CLIENTS);
        java.util.concurrent.atomic.AtomicInteger complete = new java.util.concurrent.atomic.AtomicInteger();
        CountDownLatch connected = new CountDownLatch(CLIENTS);
        List<Socket> sockets = new ArrayList<>();
        List<Thread> readers = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            Socket socket = open(url, paths.get(c % paths.size()), token);
            sockets.add(socket);
            readers.add(Thread.ofPlatform().daemon().start(() -> {
                connected.countDown();
                if (read(socket)) {
                    complete.incrementAndGet();
                }
                done.countDown();
            }));
        }
        try {
            connected.await(10, TimeUnit.SECONDS);
            String host = plane.host();
            for (int i = 1; i <= EVENTS; i++) {
                String id = String.format("%064x", i);
                plane.events().submit(new EventRecord(0, IMAGE, id, "warm-up-" + i, host, Map.of(),
                        i % 2 == 0 ? "exited" : "running", i % 2 == 0 ? "stop" : "start", Instant.now()), "warm-up-" + i);
                if (i % 20 == 0) {
                    Thread.sleep(1);
                }
            }
            plane.events().flush(Duration.ofSeconds(30));
            done.await(30, TimeUnit.SECONDS);
            return complete.get();
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
            for (Thread t : readers) {
                t.join(1000);
            }
        }
    }

    private static Socket open(URI url, String path, String token) throws IOException {
        Socket socket = new Socket(url.getHost(), url.getPort());
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(READ_TIMEOUT_MS);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: " + url.getAuthority() + "\r\nAuthorization: Bearer " + token
                + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    /** Reads one stream until the last warm-up event went by (true) or the socket is closed (false). */
    private static boolean read(Socket socket) {
        String last = "\"name\":\"warm-up-" + EVENTS + "\"";
        try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.contains(last)) {
                    return true;
                }
            }
        } catch (IOException closed) {
            // closed at the end of the warm-up
        }
        return false;
    }

    /** One request on a connection of its own; the answer is read and dropped. */
    private static void get(URI url, String path, String token) throws IOException {
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(READ_TIMEOUT_MS); // a warm-up never holds up the server's start for long
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + url.getAuthority()
                    + "\r\nAuthorization: Bearer " + token + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getInputStream().transferTo(OutputStream.nullOutputStream());
        }
    }
}
