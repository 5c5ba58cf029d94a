package io.capstan.kubernetes.stack;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Compose names made into DNS-1123 labels, remembering each one that had to change so it can be printed. */
final class KubeNames {
    private static final int MAX = 63;
    private final Map<String, String> renamed = new TreeMap<>();

    /** {@code web_1} becomes {@code web-1}; a name too long keeps its start and gets a short hash of the whole. */
    String of(String name) {
        String n = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("-{2,}", "-")
                .replaceAll("^-+|-+$", "");
        if (n.isEmpty()) {
            n = "x";
        }
        if (n.length() > MAX) {
            String hash = hash(name);
            n = n.substring(0, MAX - hash.length() - 1).replaceAll("-+$", "") + "-" + hash;
        }
        if (!n.equals(name)) {
            renamed.put(name, n);
        }
        return n;
    }

    /** The compose names that changed, to their Kubernetes names, sorted. */
    Map<String, String> renamed() {
        return Map.copyOf(renamed);
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
