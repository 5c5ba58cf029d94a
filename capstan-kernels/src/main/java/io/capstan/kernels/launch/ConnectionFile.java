package io.capstan.kernels.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.capstan.core.error.ConfigException;
import io.capstan.kernels.protocol.MessageSigner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The connection file a Jupyter client wrote for the kernel: its five ports, address and key. The client connects
 * to the ports on its own address; the kernel in the container listens on the same port numbers on every address.
 */
public record ConnectionFile(Path path, ObjectNode content) {
    public static final List<String> PORTS = List.of("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern KERNEL_FILE = Pattern.compile("kernel-([A-Za-z0-9_.-]+)\\.json");

    public static ConnectionFile read(Path path) {
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readString(path));
        } catch (IOException e) {
            throw new ConfigException("cannot read connection file " + path + ": "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (!(root instanceof ObjectNode object)) {
            throw new ConfigException("connection file " + path + " is not a JSON object");
        }
        if (!"tcp".equals(object.path("transport").asText("tcp"))) {
            throw new ConfigException("connection file " + path + ": transport '" + object.path("transport").asText()
                    + "' cannot reach a container: expected tcp");
        }
        for (String port : PORTS) {
            int value = object.path(port).asInt(0);
            if (value < 1 || value > 65535) {
                throw new ConfigException("connection file " + path + ": " + port + " is '" + object.path(port)
                        + "': expected a port number (the client chooses the ports)");
            }
        }
        ConnectionFile file = new ConnectionFile(path, object);
        try {
            file.signer();
        } catch (IllegalArgumentException e) {
            throw new ConfigException("connection file " + path + ": " + e.getMessage(), e);
        }
        return file;
    }

    /** The five ports by name, in the order {@link #PORTS} lists them. */
    public Map<String, Integer> ports() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        PORTS.forEach(name -> ports.put(name, content.path(name).asInt()));
        return ports;
    }

    /** The address the client connects to (Jupyter's default: 127.0.0.1). */
    public String ip() {
        String ip = content.path("ip").asText("");
        return ip.isBlank() ? "127.0.0.1" : ip;
    }

    /** The shell channel as the client reaches it (an any-address {@code ip} is reached on loopback). */
    public String shellEndpoint() {
        String ip = ip();
        String host = ip.equals("0.0.0.0") || ip.equals("*") ? "127.0.0.1" : ip;
        return "tcp://" + host + ":" + content.path("shell_port").asInt();
    }

    /** The address the kernel's ports are published on, as a socket binds it ({@code *} is every address). */
    public String bindAddress() {
        return ip().equals("*") ? "0.0.0.0" : ip();
    }

    /** The key messages are signed with; empty: unsigned. */
    public String key() {
        return content.path("key").asText("");
    }

    /** Signs messages as this connection says: its {@code signature_scheme} (default hmac-sha256) and key. */
    public MessageSigner signer() {
        String scheme = content.path("signature_scheme").asText("");
        return MessageSigner.of(scheme.isBlank() ? "hmac-sha256" : scheme, key());
    }

    /** The same connection for the kernel inside the container: listening on every address. */
    public String forContainer() {
        ObjectNode copy = content.deepCopy();
        copy.put("ip", "0.0.0.0");
        try {
            return MAPPER.writeValueAsString(copy);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** The id in a {@code kernel-<id>.json} file name, as Jupyter names them; null for other names. */
    public String kernelIdFromName() {
        Matcher m = KERNEL_FILE.matcher(path.getFileName().toString());
        return m.matches() ? m.group(1) : null;
    }
}
