package io.capstan.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** Why a file could not be read, in words a user acts on (never an exception's class name). */
final class ReadFailures {
    private ReadFailures() {
    }

    static String inWords(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        String reason = e instanceof FileSystemException fs ? fs.getReason() : e.getMessage();
        if (reason == null || reason.isBlank()) {
            return "an input/output error";
        }
        return reason.lines().findFirst().orElse(reason).strip().toLowerCase(java.util.Locale.ROOT);
    }
}
