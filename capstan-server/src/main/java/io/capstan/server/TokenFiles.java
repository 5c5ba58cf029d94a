package io.capstan.server;

import io.capstan.core.error.ConfigException;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.files.OwnerOnly;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The token files of a data directory, as the server and {@code capstan token} read and change them:
 * {@code admin.token} (the admin token itself), {@code tokens} (one line per read-only token: its role, the SHA-256 of
 * the token and when it was made) and {@code tokens.used} (each token's last use, by id). A token's id is the start
 * of its hash: enough to name it, useless to present it. Every file is owner-only and replaced whole, never written
 * through a symbolic link.
 */
final class TokenFiles {
    static final String USED_FILE = "tokens.used";
    static final String LOCK_FILE = "tokens.lock";
    static final String ADMIN_ID = "admin";
    private static final int ID_LENGTH = 12;

    private TokenFiles() {
    }

    /** A read-only token as the {@code tokens} file keeps it. */
    record ReadOnly(String hash, Instant created) {
        String id() {
            return idOf(hash);
        }
    }

    static String idOf(String hash) {
        return hash.substring(0, Math.min(ID_LENGTH, hash.length()));
    }

    static boolean adminExists(Path dir) {
        return Files.exists(dir.resolve(Tokens.ADMIN_FILE), LinkOption.NOFOLLOW_LINKS);
    }

    static String readAdmin(Path dir) {
        Path file = dir.resolve(Tokens.ADMIN_FILE);
        try {
            return OwnerOnly.readPrivate(file).strip();
        } catch (NoSuchFileException e) {
            throw new ConfigException("there is no admin token at " + file + ": start 'capstan server' once to make it");
        } catch (IOException e) {
            throw new ConfigException("cannot read the admin token " + file + ": " + e.getMessage(), e);
        }
    }

    /** Makes a new admin token in place of any old one and returns it. */
    static String writeAdmin(Path dir) {
        String token = Tokens.newToken();
        write(dir.resolve(Tokens.ADMIN_FILE), token + "\n");
        return token;
    }

    static List<ReadOnly> readOnly(Path dir) {
        List<ReadOnly> tokens = new ArrayList<>();
        for (String line : lines(dir.resolve(Tokens.TOKENS_FILE))) {
            String[] parts = line.strip().split("\\s+");
            if (parts.length >= 2 && parts[0].equals("read-only")) {
                tokens.add(new ReadOnly(parts[1], parts.length >= 3 ? parseInstant(parts[2]) : null));
            }
        }
        return tokens;
    }

    static String addReadOnly(Path dir) {
        String token = Tokens.newToken();
        locked(dir, () -> {
            List<ReadOnly> tokens = new ArrayList<>(readOnly(dir));
            tokens.add(new ReadOnly(Tokens.hash(token), Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
            writeReadOnly(dir, tokens);
        });
        return token;
    }

    /** Forgets the read-only token with this id; a running server refuses it from then on. */
    static void revoke(Path dir, String id) {
        if (id.equals(ADMIN_ID)) {
            throw new ConfigException("the admin token is not revoked but replaced: run 'capstan token rotate-admin'");
        }
        locked(dir, () -> {
            List<ReadOnly> tokens = new ArrayList<>(readOnly(dir));
            if (!tokens.removeIf(t -> t.id().equals(id))) {
                throw new NotFoundException("token", id, "no token has the id '" + id + "' (see 'capstan token ls')", null);
            }
            writeReadOnly(dir, tokens);
        });
    }

    static Map<String, Instant> lastUses(Path dir) {
        Map<String, Instant> uses = new LinkedHashMap<>();
        for (String line : lines(dir.resolve(USED_FILE))) {
            String[] parts = line.strip().split("\\s+");
            if (parts.length == 2) {
                uses.put(parts[0], parseInstant(parts[1]));
            }
        }
        return uses;
    }

    static void recordUse(Path dir, String id, Instant when) {
        locked(dir, () -> {
            Map<String, Instant> uses = lastUses(dir);
            uses.put(id, when);
            StringBuilder text = new StringBuilder();
            uses.forEach((k, v) -> text.append(k).append(' ').append(v).append('\n'));
            write(dir.resolve(USED_FILE), text.toString());
        });
    }

    /**
     * Runs a read-change-write of the token files while holding {@code tokens.lock}, so that a token made by
     * {@code capstan token create} and one made over the API at the same moment are both kept.
     */
    private static synchronized void locked(Path dir, Runnable change) {
        Path lock = dir.resolve(LOCK_FILE);
        try {
            OwnerOnly.file(lock);
            try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
                 FileLock held = channel.lock()) {
                change.run();
            }
        } catch (IOException e) {
            throw new ConfigException("cannot lock " + lock + ": " + e.getMessage(), e);
        }
    }

    private static void writeReadOnly(Path dir, List<ReadOnly> tokens) {
        StringBuilder text = new StringBuilder();
        for (ReadOnly t : tokens) {
            text.append("read-only ").append(t.hash());
            if (t.created() != null) {
                text.append(' ').append(t.created());
            }
            text.append('\n');
        }
        write(dir.resolve(Tokens.TOKENS_FILE), text.toString());
    }

    private static List<String> lines(Path file) {
        try {
            return OwnerOnly.readPrivate(file).lines().toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void write(Path file, String content) {
        try {
            OwnerOnly.write(file, content);
        } catch (IOException e) {
            throw new ConfigException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static Instant parseInstant(String text) {
        try {
            return Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
