package io.capstan.stack.build;

import io.capstan.core.error.ConfigException;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Says why writing a build failed in terms of the build directory: the temporary directory the new build was
 * written to is an implementation detail, and a full disk is named as such.
 */
final class BuildWriteError {
    private BuildWriteError() {
    }

    static ConfigException of(IOException e, Path buildDir, Path staging) {
        String unchanged = "; the previous build directory is unchanged";
        if (isNoSpace(e)) {
            String at = e instanceof FileSystemException fs ? writtenPath(fs, buildDir, staging) : "";
            return new ConfigException("cannot write the build directory " + buildDir
                    + ": no space left on its device" + at + unchanged + ": free some space or choose another build_dir", e);
        }
        String reason = String.valueOf(e.getMessage()).replace(staging.toString(), buildDir.toString());
        return new ConfigException("cannot write the build directory " + buildDir + ": " + reason + unchanged, e);
    }

    private static boolean isNoSpace(IOException e) {
        String message = e instanceof FileSystemException fs ? fs.getReason() : e.getMessage();
        String lower = String.valueOf(message).toLowerCase(Locale.ROOT);
        return lower.contains("no space left") || lower.contains("disk quota exceeded");
    }

    /** The file being written when the disk filled, as it would have been named in the build directory. */
    private static String writtenPath(FileSystemException e, Path buildDir, Path staging) {
        return Stream.of(e.getFile(), e.getOtherFile())
                .filter(p -> p != null && Path.of(p).startsWith(staging))
                .map(p -> " (writing " + staging.relativize(Path.of(p)) + ")")
                .findFirst().orElse("");
    }
}
