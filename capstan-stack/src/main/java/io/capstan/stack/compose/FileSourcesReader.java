package io.capstan.stack.compose;

import io.capstan.core.error.ConfigException;
import io.capstan.core.hash.ConfigHash;
import io.capstan.stack.compose.FileSource.Kind;
import io.capstan.stack.compose.FileSource.Origin;
import io.capstan.stack.config.Values;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads the top-level {@code secrets:} and {@code configs:} and each service's use of them, as Docker Compose does
 * on a plain (non-swarm) engine: a {@code file:} one is bound as it is; an {@code environment:} or {@code content:}
 * one is written by {@link FileSourceWriter} to a file under {@code .capstan/} beside the compose files and bound.
 */
final class FileSourcesReader {
    /** Where Capstan writes the values of {@code environment:} and {@code content:} secrets and configs. */
    static final String WRITTEN_DIR = ".capstan";

    private final Map<String, Object> root;
    private final Path projectDir;
    private final Map<String, String> environment;
    private final Function<String, String> where;
    private final Consumer<String> warn;

    /**
     * @param where the {@code file:line: } prefix of a key path
     * @param warn  takes a warning line
     */
    FileSourcesReader(Map<String, Object> root, Path projectDir, Map<String, String> environment,
                      Function<String, String> where, Consumer<String> warn) {
        this.root = root;
        this.projectDir = projectDir;
        this.environment = environment;
        this.where = where;
        this.warn = warn;
    }

    Map<String, FileSource> sources(Kind kind) {
        Map<String, FileSource> result = new LinkedHashMap<>();
        Object top = root.get(kind.key());
        if (top == null) {
            return result;
        }
        if (!(top instanceof Map<?, ?> entries)) {
            throw error(kind.key(), kind.key() + " must be a mapping, found " + Values.describe(top));
        }
        Values.asMap(entries).forEach((key, value) -> result.put(key, source(kind, key, value)));
        return result;
    }

    private FileSource source(Kind kind, String key, Object value) {
        String at = kind.key() + "." + key;
        String what = kind.singular() + " '" + key + "'";
        if (!key.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw error(at, what + ": a name may hold only letters, digits, '.', '_' and '-'");
        }
        if (!(value instanceof Map<?, ?> m)) {
            throw error(at, what + " must be a mapping with file:, environment:" + (kind == Kind.CONFIG ? " or content:" : "")
                    + ", found " + Values.describe(value));
        }
        Map<String, Object> s = Values.asMap(m);
        for (String swarmOnly : List.of("external", "name", "driver", "template_driver")) {
            if (s.containsKey(swarmOnly) && !Boolean.FALSE.equals(s.get(swarmOnly))) {
                throw error(at + "." + swarmOnly, what + ": '" + swarmOnly + "' is not supported on a plain engine "
                        + "(it needs Swarm): use file:, environment:" + (kind == Kind.CONFIG ? " or content:" : ""));
            }
        }
        List<String> given = List.of("file", "environment", "content").stream().filter(s::containsKey).toList();
        if (given.size() != 1 || (kind == Kind.SECRET && given.contains("content"))) {
            throw error(at, what + " needs exactly one of file:, environment:" + (kind == Kind.CONFIG ? " or content:" : "")
                    + (given.isEmpty() ? "" : ", found " + String.join(", ", given)));
        }
        String origin = given.getFirst();
        Object raw = s.get(origin);
        if (raw instanceof Map<?, ?> || raw instanceof List<?> || raw == null) {
            throw error(at + "." + origin, what + ": " + origin + " must be a single value, found " + Values.describe(raw));
        }
        String text = String.valueOf(raw);
        return switch (origin) {
            case "file" -> {
                Path file = projectDir.resolve(text).normalize();
                if (!Files.isRegularFile(file)) {
                    throw error(at + ".file", what + ": file '" + text + "' not found (looked at " + file + ")");
                }
                yield new FileSource(kind, key, Origin.FILE, text, file, null, hash(read(file, at, what)));
            }
            case "environment" -> {
                String variable = environment.get(text);
                if (variable == null) {
                    throw error(at + ".environment", what + ": environment variable '" + text + "' is not set");
                }
                yield new FileSource(kind, key, Origin.ENVIRONMENT, text, null, variable,
                        hash(variable.getBytes(StandardCharsets.UTF_8)));
            }
            default -> new FileSource(kind, key, Origin.CONTENT, null, null, text, hash(text.getBytes(StandardCharsets.UTF_8)));
        };
    }

    /** A service's {@code secrets:} or {@code configs:}: {@code - NAME} or {@code {source, target, uid, gid, mode}}. */
    List<FileMount> mounts(Kind kind, String service, Object value, String at, Map<String, FileSource> sources) {
        List<FileMount> mounts = new ArrayList<>();
        if (value == null) {
            return mounts;
        }
        if (!(value instanceof List<?> entries)) {
            throw error(at, kind.key() + " must be a list, found " + Values.describe(value));
        }
        for (int i = 0; i < entries.size(); i++) {
            String entryAt = at + "[" + i + "]";
            Object entry = entries.get(i);
            Map<String, Object> m = entry instanceof Map<?, ?> map ? Values.asMap(map) : Map.of("source", entry);
            String name = text(m.get("source"), entryAt + ".source");
            if (name == null) {
                throw error(entryAt, "service '" + service + "': a " + kind.singular() + " entry needs a source");
            }
            FileSource source = sources.get(name);
            if (source == null) {
                throw error(entryAt, "service '" + service + "' uses " + kind.singular() + " '" + name
                        + "', which is not declared under the top-level '" + kind.key() + ":'");
            }
            String target = text(m.get("target"), entryAt + ".target");
            String uid = text(m.get("uid"), entryAt + ".uid");
            String gid = text(m.get("gid"), entryAt + ".gid");
            Integer mode = mode(m.get("mode"), entryAt + ".mode");
            for (String id : new String[]{uid, gid}) {
                if (id != null && !id.matches("\\d+")) {
                    throw error(entryAt, "service '" + service + "': uid and gid must be numbers, found '" + id + "'");
                }
            }
            if (source.origin() == Origin.FILE && (uid != null || gid != null || mode != null)) {
                warn.accept(where.apply(entryAt) + "service '" + service + "': uid, gid and mode of " + kind.singular()
                        + " '" + name + "' are ignored: a file: " + kind.singular() + " is bound as it is on the host");
                uid = gid = null;
                mode = null;
            }
            Path hostFile = source.file() != null ? source.file() : writtenFile(source, uid, gid, mode);
            FileMount mount = new FileMount(kind, name, target, uid, gid, mode, hostFile, source.contentHash());
            if (mounts.stream().anyMatch(other -> other.containerPath().equals(mount.containerPath()))) {
                throw error(entryAt, "service '" + service + "' mounts two " + kind.key() + " at " + mount.containerPath());
            }
            mounts.add(mount);
        }
        return mounts;
    }

    /** One file per source and owner/mode, so that services asking for different modes each get theirs. */
    private Path writtenFile(FileSource source, String uid, String gid, Integer mode) {
        String suffix = (uid == null ? "" : "-u" + uid) + (gid == null ? "" : "-g" + gid)
                + (mode == null ? "" : "-m" + Integer.toOctalString(mode));
        return projectDir.resolve(WRITTEN_DIR).resolve(source.kind().key()).resolve(source.key() + suffix);
    }

    private Integer mode(Object value, String at) {
        if (value == null) {
            return null;
        }
        // Capstan reads YAML 1.2, where 0440 is the number 440: the digits are what the user wrote, read as octal.
        String digits = value instanceof Integer || value instanceof String ? String.valueOf(value) : "";
        if (digits.matches("0?[0-7]{1,3}")) {
            return Integer.parseInt(digits, 8);
        }
        throw error(at, "mode must be an octal file mode such as 0440, found " + Values.describe(value));
    }

    private String text(Object value, String at) {
        if (value == null) {
            return null;
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw error(at, at.substring(at.lastIndexOf('.') + 1) + " must be a single value, found " + Values.describe(value));
        }
        return String.valueOf(value);
    }

    private static byte[] read(Path file, String at, String what) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigException(at + ": " + what + ": cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String hash(byte[] content) {
        return ConfigHash.of(content, 16);
    }

    private ConfigException error(String at, String message) {
        return new ConfigException(where.apply(at) + message);
    }
}
