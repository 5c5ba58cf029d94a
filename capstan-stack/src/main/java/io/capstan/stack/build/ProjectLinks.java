package io.capstan.stack.build;

import io.capstan.core.error.ConfigException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Symbolic links among the files a build reads. A link whose target stays inside the project is followed (its
 * target's content is copied, as Python's {@code shutil.copytree} does by default); a link that leaves the
 * project, or points to nothing, is refused with one line naming the link and its target.
 */
final class ProjectLinks {
    private final Path projectDir;
    private final Path realProjectDir;

    ProjectLinks(Path projectDir) {
        this.projectDir = projectDir;
        try {
            this.realProjectDir = projectDir.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The real path of what a link points to, when that is inside the project. */
    Path target(Path link) throws IOException {
        String written = Files.readSymbolicLink(link).toString();
        Path real;
        try {
            real = link.toRealPath();
        } catch (NoSuchFileException missing) {
            Path lexical = link.getParent().resolve(written).normalize();
            if (!lexical.startsWith(projectDir) && !lexical.startsWith(realProjectDir)) {
                throw leaves(link, written);
            }
            throw new ConfigException(display(link) + ": symbolic link to '" + written
                    + "' points to nothing: remove the link or create its target");
        }
        if (!real.startsWith(realProjectDir)) {
            throw leaves(link, written);
        }
        return real;
    }

    /** Refuses a file to read (a template, {@code requirements.txt}) that is, or lies behind, a link leaving the project. */
    void requireInside(Path file) throws IOException {
        if (Files.isSymbolicLink(file)) {
            target(file);
        } else if (!file.toRealPath().startsWith(realProjectDir)) {
            throw new ConfigException(display(file) + ": its real path " + file.toRealPath()
                    + " leaves the project directory " + projectDir + ": files must stay inside it");
        }
    }

    /** A link to a directory that holds the link itself. */
    ConfigException loop(Path link) throws IOException {
        return new ConfigException(display(link) + ": symbolic link to '" + Files.readSymbolicLink(link)
                + "' points back to a directory that contains it: copying it would never end");
    }

    private ConfigException leaves(Path link, String written) {
        return new ConfigException(display(link) + ": symbolic link to '" + written + "' leaves the project directory "
                + projectDir + ": links must point inside it (copy the file into the project instead)");
    }

    private String display(Path file) {
        if (file.startsWith(projectDir)) {
            return projectDir.relativize(file).toString();
        }
        return file.startsWith(realProjectDir) ? realProjectDir.relativize(file).toString() : file.toString();
    }
}
