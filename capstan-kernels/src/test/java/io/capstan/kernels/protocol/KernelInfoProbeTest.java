package io.capstan.kernels.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The probe against a stand-in kernel: a ROUTER socket on loopback that answers as the test says. */
class KernelInfoProbeTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final MessageSigner signer = MessageSigner.of("hmac-sha256", "kernel-key");

    @Test
    void aKernelThatRepliesToTheSignedKernelInfoRequestAnswers() {
        try (ZContext context = new ZContext(); ZMQ.Socket kernel = router(context)) {
            int port = kernel.bindToRandomPort("tcp://127.0.0.1");
            try (KernelInfoProbe probe = new KernelInfoProbe("tcp://127.0.0.1:" + port, signer, "alice")) {
                assertThat(probe.answered(Duration.ofMillis(10))).isFalse(); // asked; nobody answered yet

                List<byte[]> request = requestWhileAsking(kernel, probe);
                KernelMessage asked = KernelMessage.fromFrames(request, signer);
                assertThat(asked.msgType()).isEqualTo("kernel_info_request");
                assertThat(asked.header().path("username").asText()).isEqualTo("alice");

                reply(kernel, request.getFirst(), asked, signer);
                assertThat(awaitAnswer(probe)).isTrue();
            }
        }
    }

    @Test
    void aReplySignedWithAnotherKeyOrToAnotherRequestIsNoAnswer() {
        try (ZContext context = new ZContext(); ZMQ.Socket kernel = router(context)) {
            int port = kernel.bindToRandomPort("tcp://127.0.0.1");
            try (KernelInfoProbe probe = new KernelInfoProbe("tcp://127.0.0.1:" + port, signer, "alice")) {
                List<byte[]> request = requestWhileAsking(kernel, probe);
                KernelMessage asked = KernelMessage.fromFrames(request, signer);

                reply(kernel, request.getFirst(), asked, MessageSigner.of("hmac-sha256", "wrong key"));
                reply(kernel, request.getFirst(), KernelMessage.request("kernel_info_request", "s", "x"), signer);
                assertThat(probe.answered(Duration.ofMillis(500))).isFalse();
                assertThat(probe.answered(Duration.ofMillis(500))).isFalse();
            }
        }
    }

    private static boolean awaitAnswer(KernelInfoProbe probe) {
        for (int i = 0; i < 50; i++) {
            if (probe.answered(Duration.ofMillis(100))) {
                return true;
            }
        }
        return false;
    }

    private static ZMQ.Socket router(ZContext context) {
        ZMQ.Socket socket = context.createSocket(SocketType.ROUTER);
        socket.setLinger(0);
        socket.setReceiveTimeOut(200);
        return socket;
    }

    /** The first request that arrives while the probe asks (it asks again, on a new socket, when one got lost). */
    private static List<byte[]> requestWhileAsking(ZMQ.Socket socket, KernelInfoProbe probe) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        byte[] first = null;
        while (first == null && System.nanoTime() < deadline) {
            probe.answered(Duration.ofMillis(10));
            first = socket.recv(0);
        }
        assertThat(first).as("a request within 10 s").isNotNull();
        List<byte[]> frames = new ArrayList<>();
        frames.add(first);
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv(0));
        }
        return frames;
    }

    private static void reply(ZMQ.Socket kernel, byte[] identity, KernelMessage parent, MessageSigner signer) {
        KernelMessage reply = new KernelMessage(KernelMessage.request("kernel_info_reply", "k", "kernel").header(),
                parent.header(), MAPPER.createObjectNode(), MAPPER.createObjectNode().put("status", "ok"));
        kernel.send(identity, ZMQ.SNDMORE);
        List<byte[]> frames = reply.toFrames(signer);
        for (int i = 0; i < frames.size(); i++) {
            kernel.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
        }
    }
}
