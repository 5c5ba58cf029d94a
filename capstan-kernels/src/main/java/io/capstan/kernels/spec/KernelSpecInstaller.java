package io.capstan.kernels.spec;

import io.capstan.core.error.ConfigException;
import io.capstan.core.error.NotFoundException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Writes, finds and removes Capstan kernelspecs: a directory with kernel.json and the logo. */
public final class KernelSpecInstaller {
    public static final String LOGO = "logo-64x64.png";

    private final Path launcher;

    /** @param launcher the absolute path of the {@code capstan} command the kernelspec's argv runs */
    public KernelSpecInstaller(Path launcher) {
        if (!launcher.isAbsolute()) {
            throw new ConfigException("the capstan command a kernelspec runs must be an absolute path, not " + launcher);
        }
        this.launcher = launcher;
    }

    /** The kernelspec's argv: Capstan's launcher with Jupyter's {@code {connection_file}} and the spec's directory. */
    public List<String> launcherArgv(Path specDir) {
        return List.of(launcher.toString(), "kernel", "launch", "--connection-file", "{connection_file}",
                "--spec-dir", specDir.toString());
    }

    /** Writes the kernelspec into {@code kernelsDir/<name>}, replacing one there; returns its directory. */
    public Path install(KernelSpec spec, Path kernelsDir) {
        Path target = kernelsDir.toAbsolutePath().normalize().resolve(spec.name());
        if (Files.isRegularFile(target.resolve(KernelJson.FILE)) && !KernelJson.isCapstans(target.resolve(KernelJson.FILE))) {
            throw new ConfigException("kernelspec " + target + " exists and is not Capstan's: remove it with "
                    + "'jupyter kernelspec remove " + spec.name() + "' or choose another --kernel-name");
        }
        Path staging = kernelsDir.resolve("." + spec.name() + ".capstan-new");
        try {
            Files.createDirectories(kernelsDir);
            deleteTree(staging);
            Files.createDirectories(staging);
            Files.writeString(staging.resolve(KernelJson.FILE), KernelJson.write(spec, launcherArgv(target)),
                    StandardCharsets.UTF_8);
            try (InputStream logo = KernelSpecInstaller.class.getResourceAsStream(LOGO)) {
                Files.copy(logo, staging.resolve(LOGO));
            }
            deleteTree(target);
            Files.move(staging, target);
        } catch (IOException e) {
            try {
                deleteTree(staging);
            } catch (IOException ignored) {
                // the error below is what matters
            }
            throw new ConfigException("cannot install kernelspec into " + target + ": " + e.getMessage(), e);
        }
        return target;
    }

    /** Capstan's kernelspecs in {@code dirs}, by name; where a name occurs twice the first directory wins, as in Jupyter. */
    public static List<InstalledKernelSpec> list(List<Path> dirs) {
        Map<String, InstalledKernelSpec> found = new LinkedHashMap<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> children = Files.list(dir)) {
                for (Path child : children.sorted().toList()) {
                    Path json = child.resolve(KernelJson.FILE);
                    String name = child.getFileName().toString();
                    if (!name.startsWith(".") && !found.containsKey(name) && KernelJson.isCapstans(json)) {
                        found.put(name, new InstalledKernelSpec(KernelJson.read(json), child));
                    }
                }
            } catch (IOException e) {
                throw new ConfigException("cannot list kernelspecs in " + dir + ": " + e.getMessage(), e);
            }
        }
        List<InstalledKernelSpec> specs = new ArrayList<>(found.values());
        specs.sort(Comparator.comparing(s -> s.spec().name()));
        return specs;
    }

    /** Removes the first kernelspec called {@code name} in {@code dirs}; only Capstan's are removed. */
    public static Path remove(String name, List<Path> dirs) {
        for (Path dir : dirs) {
            Path candidate = dir.resolve(name);
            if (Files.isRegularFile(candidate.resolve(KernelJson.FILE))) {
                if (!KernelJson.isCapstans(candidate.resolve(KernelJson.FILE))) {
                    throw new ConfigException("kernelspec " + candidate + " is not Capstan's, so Capstan leaves it "
                            + "alone: remove it with 'jupyter kernelspec remove " + name + "'");
                }
                try {
                    deleteTree(candidate);
                } catch (IOException e) {
                    throw new ConfigException("cannot remove kernelspec " + candidate + ": " + e.getMessage(), e);
                }
                return candidate;
            }
        }
        throw new NotFoundException("kernelspec", name, "no kernelspec '" + name + "' in " + dirs.stream()
                .map(Path::toString).reduce((a, b) -> a + ", " + b).orElse("no directory"), null);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
