package io.capstan.stack.run;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.error.ConfigException;
import io.capstan.core.model.EngineInfo;
import io.capstan.stack.compose.ComposeProject;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks, before anything is created, the settings that depend on the engine: a service's {@code platform} must be
 * the engine's own, {@code annotations} need an engine whose API has them (1.43 and newer), and so does a volume's
 * {@code subpath} (1.45 and newer, refused here: the engine client mounts volumes the way older engines take them).
 */
final class EngineFit {
    private static final Map<String, String> ARCH_NAMES = Map.of("x86_64", "amd64", "aarch64", "arm64",
            "armv7l", "arm", "i386", "386", "i686", "386");

    private EngineFit() {
    }

    /** Throws on a platform the engine cannot run; reports annotations it would drop to {@code progress}. */
    static void check(ContainerEngine engine, ComposeProject project, StackProgress progress) {
        List<ComposeProject.Service> platforms = project.services().values().stream()
                .filter(s -> s.settings().platform() != null).toList();
        List<String> annotated = project.services().values().stream()
                .filter(s -> !s.settings().annotations().isEmpty()).map(ComposeProject.Service::name).toList();
        List<ComposeProject.Service> subpaths = project.services().values().stream()
                .filter(s -> s.mounts().stream().anyMatch(m -> m.options().subpath() != null)).toList();
        if (platforms.isEmpty() && annotated.isEmpty() && subpaths.isEmpty()) {
            return;
        }
        EngineInfo info = engine.info();
        if (!subpaths.isEmpty()) {
            ComposeProject.Service service = subpaths.getFirst();
            throw new ConfigException(service.location() + ": service '" + service.name() + "' mounts a volume with "
                    + "volume.subpath, which needs an engine with API 1.45 or newer; this engine has API "
                    + info.apiVersion() + ": mount the whole volume instead");
        }
        // The engine reports its operating system by name ("Debian GNU/Linux 12 (bookworm)"); only Windows engines run
        // anything but Linux containers.
        String os = info.os() != null && info.os().toLowerCase(Locale.ROOT).contains("windows") ? "windows" : "linux";
        String arch = arch(info.arch());
        for (ComposeProject.Service service : platforms) {
            String[] wanted = service.settings().platform().split("/");
            if (!wanted[0].equals(os) || (wanted.length > 1 && !arch(wanted[1]).equals(arch))) {
                throw new ConfigException(service.location() + ": service '" + service.name() + "' has platform '"
                        + service.settings().platform() + "', but the engine runs " + os + "/" + arch
                        + ": change platform or use an engine of that platform");
            }
        }
        if (!annotated.isEmpty() && !hasAnnotations(info.apiVersion())) {
            progress.warning((annotated.size() == 1 ? "service '" + annotated.getFirst() + "' sets"
                    : "services " + String.join(", ", annotated.stream().map(n -> "'" + n + "'").toList()) + " set")
                    + " annotations, which this engine (API " + info.apiVersion() + ") does not have: they are ignored "
                    + "(engines with API 1.43 and newer apply them)");
        }
    }

    private static String arch(String name) {
        String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return ARCH_NAMES.getOrDefault(lower, lower);
    }

    static boolean hasAnnotations(String apiVersion) {
        String[] parts = apiVersion == null ? new String[0] : apiVersion.split("\\.");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return major > 1 || (major == 1 && minor >= 43);
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException unknown) {
            return false;
        }
    }
}
