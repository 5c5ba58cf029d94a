package io.capstan.stack.config;

import io.capstan.core.error.ConfigException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads the text of a file a user wrote (stack config, compose file, {@code .env}, template), refusing before it
 * is read what no such file is: over {@link #MAX_BYTES}, or not UTF-8.
 */
public final class ConfigFiles {
    /** Real configuration is kilobytes; this is far above it and far below what would strain memory. */
    public static final long MAX_BYTES = 2L << 20;

    private ConfigFiles() {
    }

    public static String readText(Path file, String displayName) {
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new ConfigException(displayName + ": " + mebibytes(size) + " is over the "
                        + mebibytes(MAX_BYTES) + " limit for a configuration file: is it the right file?");
            }
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw new ConfigException(displayName + ": file not found");
        } catch (CharacterCodingException e) {
            throw new ConfigException(displayName + ": not UTF-8 text: save it as UTF-8", e);
        } catch (IOException e) {
            throw new ConfigException(displayName + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static String mebibytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
    }
}
