package io.capstan.cli;

import io.capstan.core.error.ConfigException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A secret a command takes (a database password, an API token): given as an option's value (which every user of
 * this host sees in {@code ps}), read from a file named by a second option, or taken from an environment variable.
 *
 * @param option       the option that takes the value itself, such as {@code --db-password}
 * @param fileOption   the option that names a file holding it, such as {@code --db-password-file}
 * @param variable     the environment variable that holds it, such as {@code CAPSTAN_DB_PASSWORD}
 */
record Credential(String option, String fileOption, String variable) {
    static final Credential DB_PASSWORD = new Credential("--db-password", "--db-password-file", "CAPSTAN_DB_PASSWORD");
    static final Credential TOKEN = new Credential("--token", "--token-file", "CAPSTAN_TOKEN");

    /** The secret: the option's value, else the file's first line, else the variable; null when none is given. */
    String resolve(String value, Path file, Map<String, String> environment) {
        if (value != null && file != null) {
            throw new ConfigException("give " + option + " or " + fileOption + ", not both");
        }
        if (value != null) {
            return value;
        }
        if (file != null) {
            return read(file);
        }
        String fromEnvironment = environment.get(variable);
        return fromEnvironment == null || fromEnvironment.isEmpty() ? null : fromEnvironment;
    }

    private String read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(fileOption + " " + file + ": there is no such file");
        } catch (IOException e) {
            throw new ConfigException(fileOption + " " + file + ": cannot read it (" + e.getMessage() + ")");
        }
        String secret = text.lines().findFirst().orElse("");
        if (secret.isEmpty()) {
            throw new ConfigException(fileOption + " " + file + ": the file is empty; expected the secret on its "
                    + "first line");
        }
        return secret;
    }
}
