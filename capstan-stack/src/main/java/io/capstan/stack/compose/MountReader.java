package io.capstan.stack.compose;

import io.capstan.core.error.ConfigException;
import io.capstan.core.resource.ResourceQuantities;
import io.capstan.core.spec.Mount;
import io.capstan.stack.compose.ComposeProject.Volume;
import io.capstan.stack.config.Values;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a service's {@code volumes:}, short ({@code SRC:DST[:ro,z,...]}) and long syntax with its {@code bind},
 * {@code volume} and {@code tmpfs} sub-keys.
 */
final class MountReader {
    private static final Set<String> KEYS = Set.of("type", "source", "target", "read_only", "bind", "volume", "tmpfs",
            "consistency");
    private static final Set<String> PROPAGATIONS = Set.of("rprivate", "private", "rshared", "shared", "rslave", "slave");
    /** Docker Desktop's file sharing hints: accepted, no effect on a Linux engine. */
    private static final Set<String> CONSISTENCIES = Set.of("consistent", "cached", "delegated", "default");

    private final ComposeValues values;
    private final Path projectDir;
    private final List<String> warnings;

    MountReader(ComposeValues values, Path projectDir, List<String> warnings) {
        this.values = values;
        this.projectDir = projectDir;
        this.warnings = warnings;
    }

    List<Mount> mounts(Object value, String at, Map<String, Volume> volumes) {
        List<Mount> mounts = new ArrayList<>();
        List<?> entries = values.list(value, at);
        for (int i = 0; i < entries.size(); i++) {
            String entryAt = at + "[" + i + "]";
            Object entry = entries.get(i);
            Mount mount = entry instanceof Map<?, ?> m ? longSyntax(Values.asMap(m), entryAt, volumes)
                    : shortSyntax(values.scalarText(entry, entryAt), entryAt, volumes);
            mounts.add(mount);
        }
        return mounts;
    }

    private Mount shortSyntax(String text, String at, Map<String, Volume> volumes) {
        String[] parts = text.split(":");
        boolean readOnly = false;
        String propagation = null;
        String selinux = null;
        boolean noCopy = false;
        if (parts.length == 3) {
            for (String option : parts[2].split(",")) {
                switch (option) {
                    case "ro" -> readOnly = true;
                    case "rw" -> readOnly = false;
                    case "z", "Z" -> selinux = option;
                    case "nocopy" -> noCopy = true;
                    default -> {
                        if (PROPAGATIONS.contains(option)) {
                            propagation = option;
                        } else if (!CONSISTENCIES.contains(option)) {
                            throw new ConfigException(values.where(at) + "volume option '" + option + "' in '" + text
                                    + "' is not known: use ro, rw, z, Z, nocopy or a propagation such as rprivate");
                        }
                    }
                }
            }
        }
        String source = parts.length >= 2 ? parts[0] : "";
        String target = parts.length >= 2 ? parts[1] : parts[0];
        String type = source.startsWith(".") || source.startsWith("/") || source.startsWith("~") ? "bind" : "volume";
        Mount.Options options = new Mount.Options(type.equals("bind") ? propagation : null,
                type.equals("bind") ? selinux : null, noCopy, null, null, null);
        return mount(type, source, target, readOnly, options, true, at, volumes);
    }

    private Mount longSyntax(Map<String, Object> v, String at, Map<String, Volume> volumes) {
        v.keySet().stream().filter(k -> !KEYS.contains(k) && !k.startsWith("x-")).forEach(k -> warnings.add(
                values.where(at + "." + k) + "volume key '" + k + "' is not supported and is ignored"));
        String type = values.string(v.get("type"), at + ".type", "volume");
        String consistency = values.string(v.get("consistency"), at + ".consistency", null);
        if (consistency != null && !CONSISTENCIES.contains(consistency)) {
            throw new ConfigException(values.where(at + ".consistency") + "consistency '" + consistency
                    + "' is not one of consistent, cached, delegated");
        }
        Map<String, Object> bind = subKeys(v, "bind", type, at, Set.of("propagation", "create_host_path", "selinux"));
        Map<String, Object> volume = subKeys(v, "volume", type, at, Set.of("nocopy", "subpath"));
        Map<String, Object> tmpfs = subKeys(v, "tmpfs", type, at, Set.of("size", "mode"));
        String propagation = values.string(bind.get("propagation"), at + ".bind.propagation", null);
        if (propagation != null && !PROPAGATIONS.contains(propagation)) {
            throw new ConfigException(values.where(at + ".bind.propagation") + "bind propagation '" + propagation
                    + "' is not one of rprivate, private, rshared, shared, rslave, slave");
        }
        String selinux = values.string(bind.get("selinux"), at + ".bind.selinux", null);
        if (selinux != null && !selinux.equals("z") && !selinux.equals("Z")) {
            throw new ConfigException(values.where(at + ".bind.selinux") + "bind selinux '" + selinux
                    + "' is not z (shared) or Z (private)");
        }
        boolean createHostPath = !bind.containsKey("create_host_path")
                || values.bool(bind.get("create_host_path"), at + ".bind.create_host_path");
        String subpath = values.string(volume.get("subpath"), at + ".volume.subpath", null);
        Long size = tmpfs.get("size") == null ? null : values.parse(at + ".tmpfs.size",
                () -> ResourceQuantities.parseMemory(values.scalarText(tmpfs.get("size"), at + ".tmpfs.size")));
        Mount.Options options = new Mount.Options(propagation, selinux,
                values.bool(volume.get("nocopy"), at + ".volume.nocopy"), subpath, size, tmpfsMode(tmpfs.get("mode"), at));
        return mount(type, values.string(v.get("source"), at + ".source", ""), values.string(v.get("target"), at + ".target", null),
                values.bool(v.get("read_only"), at + ".read_only"), options, createHostPath, at, volumes);
    }

    /** The sub-keys of {@code bind:}, {@code volume:} or {@code tmpfs:}, refused on a mount of another type. */
    private Map<String, Object> subKeys(Map<String, Object> v, String key, String type, String at, Set<String> known) {
        if (!v.containsKey(key)) {
            return Map.of();
        }
        if (!key.equals(type)) {
            throw new ConfigException(values.where(at + "." + key) + "'" + key + ":' options on a mount of type '" + type
                    + "': use them with type: " + key);
        }
        Map<String, Object> options = values.mapping(v.get(key), at + "." + key);
        options.keySet().stream().filter(k -> !known.contains(k)).forEach(k -> warnings.add(values.where(at + "." + key
                + "." + k) + "volume key '" + key + "." + k + "' is not supported and is ignored"));
        return options;
    }

    /** A number as YAML gives it ({@code 01777} is octal in YAML 1.1), or text read as octal ({@code "1777"}). */
    private Integer tmpfsMode(Object value, String at) {
        if (value == null) {
            return null;
        }
        if (value instanceof Integer mode) {
            return mode;
        }
        String text = values.scalarText(value, at + ".tmpfs.mode");
        if (!text.matches("0?[0-7]{1,4}")) {
            throw new ConfigException(values.where(at + ".tmpfs.mode") + "tmpfs mode '" + text
                    + "' is not an octal file mode such as 1777 or 0755");
        }
        return Integer.parseInt(text, 8);
    }

    private Mount mount(String type, String source, String target, boolean readOnly, Mount.Options options,
                        boolean createHostPath, String at, Map<String, Volume> volumes) {
        if (target == null || !target.startsWith("/")) {
            throw new ConfigException(values.where(at) + "volume target '" + target + "' must be an absolute path in the container");
        }
        return switch (type) {
            case "bind" -> {
                String host = hostPath(source);
                // with create_host_path (the default) the engine creates a missing source directory when it starts
                if (!createHostPath && !Files.exists(Path.of(host))) {
                    throw new ConfigException(values.where(at) + "bind source '" + source + "' does not exist (looked at "
                            + host + ") and bind.create_host_path is false: create it or drop the setting");
                }
                yield new Mount(Mount.Type.BIND, host, target, readOnly, options);
            }
            case "tmpfs" -> new Mount(Mount.Type.TMPFS, "", target, readOnly, options);
            case "volume" -> {
                if (!source.isEmpty() && !volumes.containsKey(source)) {
                    throw new ConfigException(values.where(at) + "volume '" + source + "' is not declared under the "
                            + "top-level 'volumes:'");
                }
                if (source.isEmpty() && options.noCopy()) {
                    warnings.add(values.where(at) + "volume.nocopy on an anonymous volume is ignored: name the volume");
                }
                yield new Mount(Mount.Type.VOLUME, source.isEmpty() ? "" : volumes.get(source).name(), target, readOnly, options);
            }
            default -> throw new ConfigException(values.where(at) + "volume type '" + type
                    + "' is not supported: use volume, bind or tmpfs");
        };
    }

    private String hostPath(String source) {
        if (source.startsWith("~")) {
            return Path.of(System.getProperty("user.home") + source.substring(1)).normalize().toString();
        }
        return projectDir.resolve(source).normalize().toString();
    }
}
