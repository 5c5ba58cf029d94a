package io.capstan.server;

import io.capstan.core.error.ConfigException;
import io.capstan.core.files.OwnerOnly;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The API's bearer tokens. The admin token is kept in {@code admin.token} (mode 0600) so that its owner can read it;
 * read-only tokens are shown once when made and kept only as SHA-256 hashes in {@code tokens} (mode 0600). The server
 * looks at both files at most a fifth of a second apart, so that a token made, revoked or rotated by
 * {@code capstan token} counts (or stops counting) within a second.
 */
public final class Tokens {
    public enum Role { ADMIN, READ_ONLY }

    public static final String ADMIN_FILE = "admin.token";
    public static final String TOKENS_FILE = "tokens";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long LOOK_EVERY_NANOS = Duration.ofMillis(200).toNanos();
    /** A token's last use is written down at most this often, so that a busy client does not write on each request. */
    private static final Duration USE_RECORDED_EVERY = Duration.ofMinutes(1);

    /** The hashes in force: the admin token's, and each read-only token's with its id. */
    private record Known(String adminHash, Map<String, String> readOnlyIds, String version) {
    }

    private final Path dir;
    private volatile Known known;
    private volatile long nextLook;
    private final Map<String, Instant> recordedUse = new ConcurrentHashMap<>();

    private Tokens(Path dir) {
        this.dir = dir;
        this.known = load(version());
        this.nextLook = System.nanoTime() + LOOK_EVERY_NANOS;
    }

    /**
     * Opens the tokens in {@code dir} (made owner-only when missing), creating the admin token on first use;
     * {@code created} then receives the path of its file. A token file that others may read is refused.
     */
    public static Tokens open(Path dir, Consumer<Path> created) {
        try {
            OwnerOnly.directory(dir);
        } catch (IOException e) {
            throw new ConfigException("cannot create the data directory " + dir + ": " + e.getMessage(), e);
        }
        if (!TokenFiles.adminExists(dir)) {
            TokenFiles.writeAdmin(dir);
            created.accept(dir.resolve(ADMIN_FILE));
        }
        return new Tokens(dir);
    }

    public Path adminFile() {
        return dir.resolve(ADMIN_FILE);
    }

    /** The role of a presented token, if it is one of ours. */
    public Optional<Role> check(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        byte[] presented = hash(token.strip()).getBytes(StandardCharsets.US_ASCII);
        Optional<Role> role = match(presented, current());
        if (role.isEmpty()) {
            nextLook = 0; // a token made a moment ago counts at once
            role = match(presented, current());
        }
        return role;
    }

    private Optional<Role> match(byte[] presented, Known now) {
        if (MessageDigest.isEqual(presented, now.adminHash().getBytes(StandardCharsets.US_ASCII))) {
            used(TokenFiles.ADMIN_ID);
            return Optional.of(Role.ADMIN);
        }
        // Compared with every known hash in constant time each, so how long it takes says nothing about the token.
        String id = null;
        for (Map.Entry<String, String> known : now.readOnlyIds().entrySet()) {
            if (MessageDigest.isEqual(presented, known.getKey().getBytes(StandardCharsets.US_ASCII))) {
                id = known.getValue();
            }
        }
        if (id == null) {
            return Optional.empty();
        }
        used(id);
        return Optional.of(Role.READ_ONLY);
    }

    /** Makes a read-only token, keeps its hash, and returns it: this is the only time it is shown. */
    public String createReadOnly() {
        String token = createReadOnly(dir);
        nextLook = 0;
        return token;
    }

    /** As {@link #createReadOnly()}, for the command line, without a running server. */
    public static String createReadOnly(Path dir) {
        return TokenFiles.addReadOnly(dir);
    }

    /** Every token of {@code dir}, the admin token first; never a token itself. */
    public static List<TokenInfo> list(Path dir) {
        Map<String, Instant> uses = TokenFiles.lastUses(dir);
        List<TokenInfo> tokens = new ArrayList<>();
        Path admin = dir.resolve(ADMIN_FILE);
        if (TokenFiles.adminExists(dir)) {
            TokenFiles.readAdmin(dir); // refused, as by the server, when others may read it
            tokens.add(new TokenInfo(TokenFiles.ADMIN_ID, Role.ADMIN, modified(admin), uses.get(TokenFiles.ADMIN_ID)));
        }
        for (TokenFiles.ReadOnly t : TokenFiles.readOnly(dir)) {
            tokens.add(new TokenInfo(t.id(), Role.READ_ONLY, t.created(), uses.get(t.id())));
        }
        return tokens;
    }

    /** Forgets the read-only token with this id (as {@link #list} shows it). */
    public static void revoke(Path dir, String id) {
        TokenFiles.revoke(dir, id);
    }

    /** Replaces the admin token; the old one stops working. Returns the file the new one is in. */
    public static Path rotateAdmin(Path dir) {
        if (!TokenFiles.adminExists(dir)) {
            throw new ConfigException("there is no admin token at " + dir.resolve(ADMIN_FILE)
                    + " to replace: start 'capstan server' once to make it");
        }
        TokenFiles.readAdmin(dir);
        TokenFiles.writeAdmin(dir);
        return dir.resolve(ADMIN_FILE);
    }

    private Known current() {
        if (System.nanoTime() - nextLook >= 0) {
            synchronized (this) {
                if (System.nanoTime() - nextLook >= 0) {
                    String version = version();
                    if (!version.equals(known.version())) {
                        try {
                            known = load(version);
                        } catch (RuntimeException e) {
                            // A file caught half-changed by hand, or made readable by others: what was in force stays.
                        }
                    }
                    nextLook = System.nanoTime() + LOOK_EVERY_NANOS;
                }
            }
        }
        return known;
    }

    private Known load(String version) {
        Map<String, String> readOnly = new ConcurrentHashMap<>();
        TokenFiles.readOnly(dir).forEach(t -> readOnly.put(t.hash(), t.id()));
        return new Known(hash(TokenFiles.readAdmin(dir)), Map.copyOf(readOnly), version);
    }

    /** What identifies the files' contents: their inode, size and modification time. */
    private String version() {
        return stat(dir.resolve(ADMIN_FILE)) + "|" + stat(dir.resolve(TOKENS_FILE));
    }

    private static String stat(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.fileKey() + "/" + a.size() + "/" + a.lastModifiedTime().toInstant();
        } catch (NoSuchFileException e) {
            return "-";
        } catch (IOException e) {
            return "?";
        }
    }

    private void used(String id) {
        Instant now = Instant.now();
        Instant before = recordedUse.get(id);
        if (before != null && before.plus(USE_RECORDED_EVERY).isAfter(now)) {
            return;
        }
        recordedUse.put(id, now);
        try {
            TokenFiles.recordUse(dir, id, now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        } catch (RuntimeException e) {
            // The last use is for people reading 'capstan token ls'; a request is never refused for it.
        }
    }

    private static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant()
                    .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        } catch (IOException e) {
            return null;
        }
    }

    static String newToken() {
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
