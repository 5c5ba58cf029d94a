package io.capstan.stack.compose;

import io.capstan.stack.compose.ComposeProject.Volume;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the top-level {@code volumes:}: names, driver, {@code driver_opts}, labels, {@code external}. */
final class VolumeReader {
    private static final Set<String> KEYS = Set.of("name", "driver", "driver_opts", "external", "labels");

    private final ComposeValues values;
    private final Path projectDir;
    private final List<String> warnings;

    VolumeReader(ComposeValues values, Path projectDir, List<String> warnings) {
        this.values = values;
        this.projectDir = projectDir;
        this.warnings = warnings;
    }

    Map<String, Volume> volumes(Object topLevel, String project) {
        Map<String, Volume> result = new LinkedHashMap<>();
        values.mapping(topLevel, "volumes").forEach((key, value) -> {
            String at = "volumes." + key;
            Map<String, Object> v = value == null ? Map.of() : values.mapping(value, at);
            v.keySet().stream().filter(k -> !KEYS.contains(k) && !k.startsWith("x-")).forEach(k -> warnings.add(
                    values.where(at + "." + k) + "volume '" + key + "': key '" + k + "' is not supported and is ignored"));
            String name = ResourceNames.name(v, "volume", key, project, at, values, Set.of());
            String driver = values.string(v.get("driver"), at + ".driver", "local");
            result.put(key, new Volume(key, name, driver, ResourceNames.external(v, at, values),
                    values.stringMap(v.get("labels"), at + ".labels"), driverOpts(driver, v.get("driver_opts"), at)));
        });
        return result;
    }

    /** As in Compose, a local bind volume's {@code device} is a host path, relative to the project directory. */
    private Map<String, String> driverOpts(String driver, Object value, String at) {
        Map<String, String> opts = values.stringMap(value, at + ".driver_opts");
        String device = opts.get("device");
        if (driver.equals("local") && "bind".equals(opts.get("o")) && device != null) {
            String expanded = device.startsWith("~") ? System.getProperty("user.home") + device.substring(1) : device;
            opts.put("device", projectDir.resolve(expanded).normalize().toString());
        }
        return opts;
    }
}
