package io.capstan.stack.build;

import io.capstan.stack.config.SecretValues;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps rendered secrets to the user who generates: a rendered file that holds a secret variable's value is
 * created owner-only (0600), and the build directory is owner-only (0700) while it is written and stays so when
 * any such file was written. Copied files keep their own modes.
 */
final class OwnerOnly {
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private final SecretValues secrets;
    private final AtomicBoolean wroteSecrets = new AtomicBoolean();
    private Set<PosixFilePermission> usual;

    OwnerOnly(SecretValues secrets) {
        this.secrets = secrets;
    }

    /** Writes rendered text: owner-only from its creation when it holds a secret. */
    void write(Path file, String text) throws IOException {
        if (!secrets.foundIn(text)) {
            Files.writeString(file, text);
            return;
        }
        wroteSecrets.set(true);
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Creates the new build directory, owner-only until {@link #finish} knows whether it holds secrets. */
    void createBuildDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        usual = Files.getPosixFilePermissions(dir);
        Files.setPosixFilePermissions(dir, DIRECTORY);
    }

    /** Gives the build directory its usual mode back when no rendered file holds a secret. */
    void finish(Path dir) throws IOException {
        if (!wroteSecrets.get()) {
            Files.setPosixFilePermissions(dir, usual);
        }
    }
}
