package io.capstan.cli;

import io.capstan.core.error.InvalidSpecException;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --env-file}, read as {@code docker run} reads it: one {@code KEY=VALUE} per line, taken literally (no
 * quotes removed, no variables expanded), {@code KEY} alone copies this environment's value, blank lines and
 * lines starting with {@code #} are skipped.
 */
final class EnvFile {
    private EnvFile() {
    }

    /** The file's assignments, in order, as {@code -e} takes them. */
    static List<String> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            throw new InvalidSpecException("env file " + file + " not found");
        } catch (MalformedInputException e) {
            throw new InvalidSpecException("env file " + file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new InvalidSpecException("cannot read env file " + file + ": " + e.getMessage());
        }
        List<String> assignments = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).stripLeading();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String key = eq < 0 ? line.strip() : line.substring(0, eq);
            if (key.isEmpty() || key.chars().anyMatch(Character::isWhitespace)) {
                throw new InvalidSpecException(file + ":" + (i + 1) + ": expected KEY=VALUE or KEY, not '" + key + "'");
            }
            assignments.add(eq < 0 ? key : line);
        }
        return assignments;
    }
}
