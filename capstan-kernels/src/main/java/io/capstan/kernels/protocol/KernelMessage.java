package io.capstan.kernels.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * One message of the Jupyter messaging protocol (v5) and its wire form: routing identities, the {@code <IDS|MSG>}
 * delimiter, the signature, then header, parent header, metadata and content as JSON frames.
 */
public record KernelMessage(ObjectNode header, ObjectNode parentHeader, ObjectNode metadata, ObjectNode content) {
    public static final String PROTOCOL_VERSION = "5.3";
    static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A new request of {@code msgType} with an empty content, from {@code session} as {@code username}. */
    public static KernelMessage request(String msgType, String session, String username) {
        ObjectNode header = MAPPER.createObjectNode()
                .put("msg_id", UUID.randomUUID().toString())
                .put("session", session)
                .put("username", username)
                .put("date", Instant.now().toString())
                .put("msg_type", msgType)
                .put("version", PROTOCOL_VERSION);
        return new KernelMessage(header, MAPPER.createObjectNode(), MAPPER.createObjectNode(), MAPPER.createObjectNode());
    }

    public String msgType() {
        return header.path("msg_type").asText("");
    }

    public String msgId() {
        return header.path("msg_id").asText("");
    }

    /** The id of the message this one answers; empty when it answers none. */
    public String parentMsgId() {
        return parentHeader.path("msg_id").asText("");
    }

    /** The frames to send on a DEALER socket (no identities: the kernel's ROUTER adds ours). */
    public List<byte[]> toFrames(MessageSigner signer) {
        List<byte[]> body = List.of(json(header), json(parentHeader), json(metadata), json(content));
        List<byte[]> frames = new ArrayList<>();
        frames.add(DELIMITER);
        frames.add(signer.sign(body).getBytes(StandardCharsets.US_ASCII));
        frames.addAll(body);
        return frames;
    }

    /**
     * The message in {@code frames} as received: identities up to the delimiter are skipped, the signature checked.
     *
     * @throws IllegalArgumentException when the frames are no signed Jupyter message
     */
    public static KernelMessage fromFrames(List<byte[]> frames, MessageSigner signer) {
        int delimiter = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (Arrays.equals(frames.get(i), DELIMITER)) {
                delimiter = i;
                break;
            }
        }
        if (delimiter < 0 || frames.size() < delimiter + 6) {
            throw new IllegalArgumentException("not a Jupyter message: " + frames.size() + " frames without a "
                    + "delimiter, signature and four parts");
        }
        String signature = new String(frames.get(delimiter + 1), StandardCharsets.US_ASCII);
        List<byte[]> body = frames.subList(delimiter + 2, delimiter + 6);
        if (!signer.verifies(signature, body)) {
            throw new IllegalArgumentException("a message whose signature does not match the connection file's key");
        }
        return new KernelMessage(object(body.get(0)), object(body.get(1)), object(body.get(2)), object(body.get(3)));
    }

    private static byte[] json(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    private static ObjectNode object(byte[] frame) {
        try {
            if (MAPPER.readTree(frame) instanceof ObjectNode object) {
                return object;
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("a message part that is not JSON", e);
        }
        throw new IllegalArgumentException("a message part that is not a JSON object");
    }
}
