package io.capstan.stack.build;

import io.capstan.core.error.ConfigException;
import io.capstan.stack.config.StackConfig;
import io.capstan.stack.config.Values;
import io.capstan.stack.discovery.DeployedService;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks every path a generation will read or write and turns each deployed service into a {@link ServicePlan}.
 * Any path that leaves the project directory, any missing template or source, and a build directory that would
 * overwrite an input are rejected here, before anything is touched.
 */
public final class BuildPlanner {
    public static final String COMPOSE_TEMPLATE = "docker-compose.yml.j2";
    public static final Path ROOT_TEMPLATE = Path.of("services", COMPOSE_TEMPLATE);

    private final StackConfig config;
    private final Path projectDir;

    public BuildPlanner(StackConfig config) {
        this.config = config;
        this.projectDir = config.projectDir();
    }

    public List<ServicePlan> plan(List<DeployedService> services) {
        Path rootTemplate = projectDir.resolve(ROOT_TEMPLATE);
        if (!Files.isRegularFile(rootTemplate)) {
            throw new ConfigException("root template " + ROOT_TEMPLATE + " not found in the project directory " + projectDir);
        }
        List<Path> inputs = new ArrayList<>(List.of(rootTemplate));
        List<ServicePlan> plans = new ArrayList<>();
        Map<Path, String> outputs = new HashMap<>();
        for (DeployedService service : services) {
            ServicePlan plan = plan(service);
            String other = outputs.putIfAbsent(plan.outputDir(), service.id());
            if (other != null) {
                throw new ConfigException(config.where(service.keyPath() + ".path") + "services '" + other + "' and '"
                        + service.id() + "' have the same path " + projectDir.relativize(plan.sourceDir()));
            }
            inputs.add(plan.sourceDir());
            if (plan.copySrc()) {
                inputs.add(projectDir.resolve("src"));
            }
            plan.additional().forEach(c -> inputs.add(c.source()));
            plans.add(plan);
        }
        for (Path input : inputs) {
            if (input.startsWith(config.buildDir()) || config.buildDir().startsWith(input) && !input.equals(projectDir)) {
                throw new ConfigException(config.where("build_dir") + "build_dir " + projectDir.relativize(config.buildDir())
                        + " overlaps " + projectDir.relativize(input) + ", which generation reads: choose another build_dir");
            }
        }
        return plans;
    }

    private ServicePlan plan(DeployedService service) {
        String key = service.keyPath();
        Map<?, ?> shown = shownSettings(service);
        Object path = service.config().get("path");
        if (!(path instanceof String relative) || relative.isBlank()) {
            throw new ConfigException(config.where(key) + "service '" + service.id() + "' has no path: set "
                    + key + ".path to the directory holding its " + COMPOSE_TEMPLATE);
        }
        String shownPath = String.valueOf(shown.get("path"));
        Path sourceDir = inside(projectDir.resolve(relative), key + ".path", "service '" + service.id() + "' path '" + shownPath + "'");
        if (!Files.isRegularFile(sourceDir.resolve(COMPOSE_TEMPLATE))) {
            String where = shownPath.equals(relative) ? projectDir.relativize(sourceDir) + " (looked at "
                    + sourceDir.resolve(COMPOSE_TEMPLATE) + ")" : shownPath;
            throw new ConfigException(config.where(key + ".path") + "service '" + service.id() + "': no " + COMPOSE_TEMPLATE
                    + " in " + where);
        }
        boolean copySrc = flag(service, shown, "copy_src");
        if (copySrc && !Files.isDirectory(projectDir.resolve("src"))) {
            throw new ConfigException(config.where(key + ".copy_src") + "service '" + service.id()
                    + "' has copy_src: true but the project has no src/ directory (" + projectDir.resolve("src") + ")");
        }
        Path outputDir = projectDir.relativize(sourceDir);
        return new ServicePlan(service, sourceDir, outputDir, copySrc, additionalDirs(service, shown, outputDir),
                flag(service, shown, "render_kernel_templates"));
    }

    private List<ServicePlan.Copy> additionalDirs(DeployedService service, Map<?, ?> shown, Path outputDir) {
        Object value = service.config().get("additional_dirs");
        String key = service.keyPath() + ".additional_dirs";
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> entries)) {
            throw new ConfigException(config.where(key) + "additional_dirs must be a list, found "
                    + Values.describe(shown.get("additional_dirs")));
        }
        List<?> shownEntries = (List<?>) shown.get("additional_dirs");
        List<ServicePlan.Copy> copies = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            String entryKey = key + "[" + i + "]";
            String[] srcDest = sourceAndDestination(entries.get(i), shownEntries.get(i), entryKey);
            String[] shownSrcDest = sourceAndDestination(shownEntries.get(i), shownEntries.get(i), entryKey);
            Path source = inside(projectDir.resolve(srcDest[0]), entryKey, "additional_dirs entry '" + shownSrcDest[0] + "'");
            if (!Files.exists(source)) {
                throw new ConfigException(config.where(entryKey) + "additional_dirs entry '" + shownSrcDest[0]
                        + "' does not exist" + (shownSrcDest[0].equals(srcDest[0]) ? " (looked at " + source + ")" : ""));
            }
            Path destination = outputDir.resolve(srcDest[1]).normalize();
            if (!destination.startsWith(outputDir) || destination.equals(outputDir)) {
                throw new ConfigException(config.where(entryKey) + "additional_dirs destination '" + shownSrcDest[1]
                        + "' must be a path inside the service's build directory");
            }
            copies.add(new ServicePlan.Copy(source, destination));
        }
        return copies;
    }

    /** {@code docs}, {@code {src_dir: a, dest_dir: b}} or {@code {src: a, dst: b}}. */
    private String[] sourceAndDestination(Object entry, Object shownEntry, String entryKey) {
        if (entry instanceof String plain && !plain.isBlank()) {
            return new String[] {plain, plain};
        }
        if (entry instanceof Map<?, ?> map) {
            Object src = map.containsKey("src_dir") ? map.get("src_dir") : map.get("src");
            Object dst = map.containsKey("dest_dir") ? map.get("dest_dir") : map.get("dst");
            if (src instanceof String s && !s.isBlank() && (dst == null || dst instanceof String d && !d.isBlank())) {
                return new String[] {s, dst == null ? s : (String) dst};
            }
        }
        throw new ConfigException(config.where(entryKey) + "additional_dirs entries are a path, {src_dir, dest_dir} "
                + "or {src, dst}, found " + Values.describe(shownEntry));
    }

    private boolean flag(DeployedService service, Map<?, ?> shown, String name) {
        Object value = service.config().get(name);
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw new ConfigException(config.where(service.keyPath() + "." + name) + name + " must be true or false, found "
                + Values.describe(shown.get(name)));
    }

    /**
     * A service's settings as messages may show them: as in the flattened config, a secret variable's value is
     * still its reference {@code ${DB_PASSWORD}}. The same shape as the service's own settings.
     */
    private Map<?, ?> shownSettings(DeployedService service) {
        return Values.at(config.masked(), service.keyPath().split("\\.")) instanceof Map<?, ?> masked ? masked : service.config();
    }

    /** The normalized path, if it stays inside the project directory (following symbolic links that exist). */
    private Path inside(Path path, String keyPath, String what) {
        Path normalized = path.normalize();
        boolean escapes = !normalized.startsWith(projectDir) || normalized.equals(projectDir);
        if (!escapes && Files.exists(normalized)) {
            try {
                escapes = !normalized.toRealPath().startsWith(projectDir.toRealPath());
            } catch (IOException e) {
                throw new ConfigException(config.where(keyPath) + what + ": " + e.getMessage(), e);
            }
        }
        if (escapes) {
            throw new ConfigException(config.where(keyPath) + what + " leaves the project directory " + projectDir
                    + ": paths must stay inside it");
        }
        return normalized;
    }
}
