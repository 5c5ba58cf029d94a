package io.capstan.kernels.image;

import io.capstan.core.error.ConfigException;
import io.capstan.core.error.EngineException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/** Makes a Debian root filesystem tarball with mmdebstrap, or debootstrap and tar when only that is installed. */
public class RootfsBootstrap {

    /** Writes the recipe's root filesystem to {@code tarball}; each line the tools print goes to {@code progress}. */
    public void write(KernelImageRecipe recipe, Path tarball, Consumer<String> progress) {
        if (onPath("mmdebstrap")) {
            run(recipe.mmdebstrapCommand(tarball), progress);
        } else if (onPath("debootstrap")) {
            Path target = tarball.resolveSibling(tarball.getFileName() + ".d");
            try {
                run(recipe.debootstrapCommand(target), progress);
                run(List.of("tar", "-C", target.toString(), "-cf", tarball.toString(), "."), progress);
            } finally {
                run(List.of("rm", "-rf", target.toString()), line -> { });
            }
        } else {
            throw new ConfigException("building a kernel image needs mmdebstrap or debootstrap: install one, "
                    + "such as with 'apt-get install mmdebstrap'");
        }
    }

    static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", program));
    }

    private static void run(List<String> command, Consumer<String> progress) {
        String last = null;
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            try (var reader = process.inputReader()) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    progress.accept(line);
                    last = line;
                }
            }
            int code = process.waitFor();
            if (code != 0) {
                throw new EngineException(command.getFirst() + " failed (exit code " + code + ")"
                        + (last == null ? "" : "; its last line: " + last.strip()));
            }
        } catch (IOException e) {
            throw new EngineException("cannot run " + command.getFirst() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException(command.getFirst() + " was interrupted", e);
        }
    }
}
