package io.capstan.kernels.spec;

import io.capstan.core.error.ConfigException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Where Jupyter looks for kernelspecs, and so where {@code kernelspec install} puts one. */
public record KernelSpecLocations(Map<String, String> env, Path home) {
    public static final Path SYSTEM = Path.of("/usr/local/share/jupyter/kernels");

    public static KernelSpecLocations fromEnvironment() {
        return new KernelSpecLocations(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** The per-user kernel registry: {@code $JUPYTER_DATA_DIR/kernels}, else {@code ~/.local/share/jupyter/kernels}. */
    public Path user() {
        String dataDir = env.get("JUPYTER_DATA_DIR");
        if (dataDir != null && !dataDir.isBlank()) {
            return Path.of(dataDir, "kernels");
        }
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local/share");
        return base.resolve("jupyter/kernels");
    }

    public static Path underPrefix(Path prefix) {
        return prefix.toAbsolutePath().normalize().resolve("share/jupyter/kernels");
    }

    /** Under the {@code sys.prefix} of the {@code python3} on the PATH, as Jupyter's {@code --sys-prefix}. */
    public Path sysPrefix() {
        try {
            Process process = new ProcessBuilder("python3", "-c", "import sys; print(sys.prefix)")
                    .redirectErrorStream(true).start();
            String prefix = new String(process.getInputStream().readAllBytes()).strip();
            if (process.waitFor() != 0 || prefix.isEmpty()) {
                throw new ConfigException("--sys-prefix: python3 did not say its sys.prefix: " + prefix);
            }
            return underPrefix(Path.of(prefix));
        } catch (IOException e) {
            throw new ConfigException("--sys-prefix needs python3 on the PATH: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException("--sys-prefix: interrupted while asking python3 for its sys.prefix", e);
        }
    }

    /** The kernels directories Jupyter searches, in its order: JUPYTER_PATH, the user's, the system's. */
    public List<Path> searchPath() {
        LinkedHashSet<Path> dirs = new LinkedHashSet<>();
        String jupyterPath = env.get("JUPYTER_PATH");
        if (jupyterPath != null) {
            for (String entry : jupyterPath.split(":")) {
                if (!entry.isBlank()) {
                    dirs.add(Path.of(entry, "kernels"));
                }
            }
        }
        dirs.add(user());
        dirs.add(SYSTEM);
        dirs.add(Path.of("/usr/share/jupyter/kernels"));
        return new ArrayList<>(dirs);
    }
}
