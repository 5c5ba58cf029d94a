package io.capstan.kernels.image;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.RootfsImport;
import io.capstan.core.error.ConfigException;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.model.ImageInfo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;

/**
 * Builds a kernel image from a {@link KernelImageRecipe}, keeping the root filesystem tarball in a cache directory
 * between runs. An image that already exists under the tag, imported from the same recipe, is left as it is.
 */
public final class KernelImageBuilder {
    public static final String DEFAULT_TAG = "capstan-kernel-python:latest";

    private final ContainerEngine engine;
    private final Path cacheDir;
    private final RootfsBootstrap bootstrap;

    public KernelImageBuilder(ContainerEngine engine, Path cacheDir, RootfsBootstrap bootstrap) {
        this.engine = engine;
        this.cacheDir = cacheDir;
        this.bootstrap = bootstrap;
    }

    /** What a build did. */
    public record Outcome(ImageInfo image, boolean built, boolean bootstrapped) {
    }

    /** {@code /var/cache/capstan/kernel-images} when it can be written, else the user's cache directory. */
    public static Path defaultCacheDir() {
        Path system = Path.of("/var/cache/capstan/kernel-images");
        if (writable(system)) {
            return system;
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("capstan").resolve("kernel-images");
    }

    private static boolean writable(Path dir) {
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null && Files.isWritable(existing);
    }

    /**
     * Makes sure {@code tag} is the recipe's image. With {@code rebuild} the image is imported again and the cached
     * root filesystem made anew.
     */
    public Outcome build(String tag, KernelImageRecipe recipe, boolean rebuild, Consumer<String> progress) {
        try {
            Files.createDirectories(cacheDir);
        } catch (IOException e) {
            throw new ConfigException("cannot create the kernel image cache " + cacheDir + ": " + e.getMessage(), e);
        }
        String digest = recipe.digest();
        Path marker = cacheDir.resolve(digest + "-" + tag.replaceAll("[^A-Za-z0-9_.-]", "_") + ".id");
        if (!rebuild) {
            ImageInfo existing = existing(tag);
            if (existing != null && existing.id().equals(read(marker))) {
                return new Outcome(existing, false, false);
            }
        }
        RootfsImport importer = engine.require(RootfsImport.class, "import a root filesystem");
        Path tarball = cacheDir.resolve(recipe.rootfsDigest() + ".tar");
        boolean bootstrapped = rebuild || !Files.isRegularFile(tarball);
        if (bootstrapped) {
            progress.accept("bootstrapping a Debian " + recipe.suite() + " root filesystem with "
                    + String.join(", ", recipe.packages()) + " (a few minutes the first time)");
            Path partial = cacheDir.resolve(recipe.rootfsDigest() + ".tar.partial");
            bootstrap.write(recipe, partial, progress);
            move(partial, tarball);
        }
        progress.accept("importing " + tarball + " as " + tag);
        ImageInfo image;
        try (InputStream in = Files.newInputStream(tarball)) {
            image = importer.importRootfs(in, tag, recipe.importChanges());
        } catch (IOException e) {
            throw new ConfigException("cannot read the cached root filesystem " + tarball + ": " + e.getMessage(), e);
        }
        write(marker, image.id());
        return new Outcome(image, true, bootstrapped);
    }

    private ImageInfo existing(String tag) {
        try {
            return engine.images().inspect(tag);
        } catch (NotFoundException e) {
            return null;
        }
    }

    private static String read(Path marker) {
        try {
            return Files.isRegularFile(marker) ? Files.readString(marker, StandardCharsets.UTF_8).strip() : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void write(Path marker, String id) {
        try {
            Files.writeString(marker, id + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("cannot write " + marker + ": " + e.getMessage(), e);
        }
    }

    private static void move(Path from, Path to) {
        try {
            try {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new ConfigException("cannot keep the root filesystem in " + to + ": " + e.getMessage(), e);
        }
    }
}
