package io.capstan.stack.compose;

import java.nio.file.Path;

/**
 * A top-level {@code secrets:} or {@code configs:} entry.
 *
 * @param kind        secret or config
 * @param key         its key in the files
 * @param origin      where its content comes from
 * @param reference   the {@code file:} path as written, or the {@code environment:} variable's name; null for content
 * @param file        the host file for a {@code file:} one (absolute); null for the others, which Capstan writes
 * @param value       the content Capstan writes for an {@code environment:} or {@code content:} one; null for a file
 * @param contentHash a hash of the content, so that a changed secret recreates the containers that mount it
 */
public record FileSource(Kind kind, String key, Origin origin, String reference, Path file, String value,
                         String contentHash) {

    public enum Kind {
        SECRET("secrets", "/run/secrets/"), CONFIG("configs", "/");

        private final String key;
        private final String defaultDir;

        Kind(String key, String defaultDir) {
            this.key = key;
            this.defaultDir = defaultDir;
        }

        /** {@code secrets} or {@code configs}: the key in the files. */
        public String key() {
            return key;
        }

        /** Where a relative or missing target goes in the container. */
        String defaultDir() {
            return defaultDir;
        }

        String singular() {
            return this == SECRET ? "secret" : "config";
        }
    }

    public enum Origin {
        FILE, ENVIRONMENT, CONTENT
    }

    /** Never shows the value. */
    @Override
    public String toString() {
        return kind.singular() + " " + key + " (" + origin.name().toLowerCase(java.util.Locale.ROOT) + ", " + contentHash + ")";
    }
}
