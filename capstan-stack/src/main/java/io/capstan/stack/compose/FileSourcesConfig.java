package io.capstan.stack.compose;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Secrets and configs as {@code docker compose config} prints them: the top-level entries with their engine name
 * and {@code file} (absolute), {@code environment} (the variable's name, never its value) or {@code content}; each
 * service's in the long form. Nothing is printed for a project or service that has none.
 */
final class FileSourcesConfig {
    private FileSourcesConfig() {
    }

    static void putTopLevel(Map<String, Object> model, ComposeProject project) {
        for (Map<String, FileSource> sources : List.of(project.secrets(), project.configs())) {
            if (sources.isEmpty()) {
                continue;
            }
            Map<String, Object> entries = new TreeMap<>();
            sources.values().forEach(source -> {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("name", project.name() + "_" + source.key());
                switch (source.origin()) {
                    case FILE -> out.put("file", source.file().toString());
                    case ENVIRONMENT -> out.put("environment", source.reference());
                    case CONTENT -> out.put("content", source.value());
                }
                entries.put(source.key(), out);
            });
            model.put(sources.values().iterator().next().kind().key(), entries);
        }
    }

    static void putService(Map<String, Object> service, List<FileMount> files) {
        for (FileSource.Kind kind : FileSource.Kind.values()) {
            List<Object> entries = files.stream().filter(f -> f.kind() == kind).map(FileSourcesConfig::mount).toList();
            if (!entries.isEmpty()) {
                service.put(kind.key(), entries);
            }
        }
    }

    private static Object mount(FileMount mount) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("source", mount.source());
        putIfPresent(out, "target", mount.target());
        putIfPresent(out, "uid", mount.uid());
        putIfPresent(out, "gid", mount.gid());
        putIfPresent(out, "mode", mount.mode());
        return out;
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
