package io.capstan.kernels.protocol;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Asks a kernel on its shell channel whether it answers: a signed {@code kernel_info_request}, sent again on a new
 * socket every {@link #RESEND} until a {@code kernel_info_reply} to one of them comes back on any of them. A new
 * socket, because a port the engine publishes may accept a connection before the kernel listens and then drop what
 * was sent on it; the earlier sockets stay open (up to {@link #KEPT}) for a kernel that is slow to reply.
 */
public final class KernelInfoProbe implements AutoCloseable {
    static final Duration RESEND = Duration.ofSeconds(1);
    static final int KEPT = 10;

    private final String endpoint;
    private final MessageSigner signer;
    private final String session = UUID.randomUUID().toString();
    private final String username;
    private final Set<String> asked = new HashSet<>();
    private final ZContext context = new ZContext();
    private final Deque<ZMQ.Socket> sockets = new ArrayDeque<>();
    private Instant sent = Instant.MIN;

    /** @param endpoint the shell channel, e.g. {@code tcp://127.0.0.1:53794} */
    public KernelInfoProbe(String endpoint, MessageSigner signer, String username) {
        this.endpoint = endpoint;
        this.signer = signer;
        this.username = username;
        // When sockets that never connected are closed, jeromq's I/O threads can fail to tell them so (a closed
        // mailbox) and would print a stack trace where the client shows the kernel's output: nothing to report.
        context.setUncaughtExceptionHandler((thread, error) -> { });
        context.setNotificationExceptionHandler((thread, error) -> { });
    }

    /** Waits up to {@code wait} for the kernel's reply (asking again when due); true once it answered. */
    public boolean answered(Duration wait) {
        if (Instant.now().isAfter(sent.plus(RESEND))) {
            ask();
        }
        ZMQ.Poller poller = context.createPoller(sockets.size());
        try {
            sockets.forEach(socket -> poller.register(socket, ZMQ.Poller.POLLIN));
            if (poller.poll(Math.max(1, wait.toMillis())) <= 0) {
                return false;
            }
            for (int i = 0; i < poller.getSize(); i++) {
                if (poller.pollin(i) && isReply(receive(poller.getSocket(i)))) {
                    return true;
                }
            }
            return false;
        } finally {
            poller.close();
        }
    }

    private static List<byte[]> receive(ZMQ.Socket socket) {
        List<byte[]> frames = new ArrayList<>();
        frames.add(socket.recv(0));
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv(0));
        }
        return frames;
    }

    private boolean isReply(List<byte[]> frames) {
        try {
            KernelMessage reply = KernelMessage.fromFrames(frames, signer);
            return reply.msgType().equals("kernel_info_reply") && asked.contains(reply.parentMsgId());
        } catch (IllegalArgumentException e) {
            return false; // not an answer to us: keep waiting
        }
    }

    private void ask() {
        if (sockets.size() == KEPT) {
            context.destroySocket(sockets.removeFirst());
        }
        ZMQ.Socket socket = context.createSocket(SocketType.DEALER);
        sockets.addLast(socket);
        socket.setLinger(0);
        socket.connect(endpoint);
        KernelMessage request = KernelMessage.request("kernel_info_request", session, username);
        asked.add(request.msgId());
        List<byte[]> frames = request.toFrames(signer);
        for (int i = 0; i < frames.size(); i++) {
            socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
        }
        sent = Instant.now();
    }

    @Override
    public void close() {
        context.close();
    }
}
