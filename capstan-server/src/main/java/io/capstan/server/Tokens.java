package io.capstan.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API's bearer tokens. The admin token is kept in {@code admin.token} (mode 0600) so that its owner can read it;
 * read-only tokens are shown once when made and kept only as SHA-256 hashes in {@code tokens} (mode 0600). The server
 * notices tokens made by {@code capstan token create} while it runs.
 */
public final class Tokens {
    public enum Role { ADMIN, READ_ONLY }

    public static final String ADMIN_FILE = "admin.token";
    public static final String TOKENS_FILE = "tokens";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final String adminHash;
    private final Set<String> readOnlyHashes = ConcurrentHashMap.newKeySet();
    private volatile String loadedVersion;

    private Tokens(Path dir, String adminHash) {
        this.dir = dir;
        this.adminHash = adminHash;
        reloadIfChanged();
    }

    /**
     * Opens the tokens in {@code dir}, creating the admin token on first use; {@code created} then receives the
     * path of its file.
     */
    public static Tokens open(Path dir, java.util.function.Consumer<Path> created) {
        Path admin = dir.resolve(ADMIN_FILE);
        try {
            if (!Files.exists(admin)) {
                writePrivate(admin, newToken() + "\n", false);
                created.accept(admin);
            }
            return new Tokens(dir, hash(Files.readString(admin).strip()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the admin token " + admin + ": " + e.getMessage(), e);
        }
    }

    public Path adminFile() {
        return dir.resolve(ADMIN_FILE);
    }

    /** The role of a presented token, if it is one of ours. */
    public Optional<Role> check(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        String h = hash(token.strip());
        if (MessageDigest.isEqual(h.getBytes(StandardCharsets.US_ASCII), adminHash.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of(Role.ADMIN);
        }
        if (knownReadOnly(h) || (reloadIfChanged() && knownReadOnly(h))) {
            return Optional.of(Role.READ_ONLY);
        }
        return Optional.empty();
    }

    /** Compared with every known hash in constant time each, so how long it takes says nothing about the token. */
    private boolean knownReadOnly(String hash) {
        byte[] presented = hash.getBytes(StandardCharsets.US_ASCII);
        boolean found = false;
        for (String known : readOnlyHashes) {
            found |= MessageDigest.isEqual(presented, known.getBytes(StandardCharsets.US_ASCII));
        }
        return found;
    }

    /** Makes a read-only token, keeps its hash, and returns it: this is the only time it is shown. */
    public String createReadOnly() {
        return createReadOnly(dir);
    }

    /** As {@link #createReadOnly()}, for the command line, without a running server. */
    public static String createReadOnly(Path dir) {
        String token = newToken();
        try {
            writePrivate(dir.resolve(TOKENS_FILE), "read-only " + hash(token) + "\n", true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(TOKENS_FILE) + ": " + e.getMessage(), e);
        }
        return token;
    }

    private synchronized boolean reloadIfChanged() {
        Path file = dir.resolve(TOKENS_FILE);
        try {
            if (!Files.exists(file)) {
                return false;
            }
            String version = Files.getLastModifiedTime(file) + "/" + Files.size(file);
            if (version.equals(loadedVersion)) {
                return false;
            }
            List<String> lines = Files.readAllLines(file);
            for (String line : lines) {
                String[] parts = line.strip().split("\\s+");
                if (parts.length == 2 && parts[0].equals("read-only")) {
                    readOnlyHashes.add(parts[1]);
                }
            }
            loadedVersion = version;
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void writePrivate(Path file, String content, boolean append) throws IOException {
        Files.createDirectories(file.getParent());
        if (!Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(file, content, append
                ? new StandardOpenOption[]{StandardOpenOption.APPEND}
                : new StandardOpenOption[]{StandardOpenOption.TRUNCATE_EXISTING});
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "cap_" + HexFormat.of().formatHex(bytes);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
