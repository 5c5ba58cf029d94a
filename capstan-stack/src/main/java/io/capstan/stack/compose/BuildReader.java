package io.capstan.stack.compose;

import io.capstan.core.error.ConfigException;
import io.capstan.core.resource.ResourceQuantities;
import io.capstan.core.spec.ImageBuild;
import io.capstan.stack.compose.ComposeProject.Build;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads a service's {@code build:}. The engine's classic builder (API 1.41, no BuildKit) takes a Dockerfile, args,
 * target, labels, cache images, a network, a shm size and extra hosts; what only BuildKit does ({@code secrets},
 * {@code ssh}, {@code additional_contexts}) is refused with file:line rather than built without.
 */
final class BuildReader {
    private static final Set<String> READ = Set.of("context", "dockerfile", "dockerfile_inline", "args", "target",
            "cache_from", "tags", "network", "shm_size", "labels", "extra_hosts");
    private static final Map<String, String> BUILDKIT_ONLY = Map.of(
            "secrets", "mount secrets into RUN steps",
            "ssh", "forward an SSH agent into RUN steps",
            "additional_contexts", "name more build contexts");

    private final ComposeValues values;
    private final Path projectDir;
    private final Map<String, String> environment;
    private final Predicate<String> isSecret;
    private final List<String> warnings;

    BuildReader(ComposeValues values, Path projectDir, Map<String, String> environment, Predicate<String> isSecret,
                List<String> warnings) {
        this.values = values;
        this.projectDir = projectDir;
        this.environment = environment;
        this.isSecret = isSecret;
        this.warnings = warnings;
    }

    Build build(Object value, String at) {
        if (value == null) {
            return null;
        }
        Map<String, Object> b = value instanceof String context ? Map.of("context", context) : values.mapping(value, at);
        for (String key : b.keySet()) {
            if (BUILDKIT_ONLY.containsKey(key)) {
                throw new ConfigException(values.where(at + "." + key) + "build." + key + " needs BuildKit (to "
                        + BUILDKIT_ONLY.get(key) + "), which the engine's classic builder that Capstan uses does not "
                        + "have: remove it, or build the image with 'docker buildx build' and use image:");
            }
            if (!READ.contains(key) && !key.startsWith("x-")) {
                warnings.add(values.where(at + "." + key) + "build key '" + key + "' is not supported and is ignored");
            }
        }
        Path context = projectDir.resolve(values.string(b.get("context"), at + ".context", ".")).normalize();
        if (!Files.isDirectory(context)) {
            throw new ConfigException(values.where(at) + "build context " + context + " is not a directory");
        }
        String inline = values.string(b.get("dockerfile_inline"), at + ".dockerfile_inline", null);
        if (inline != null && b.containsKey("dockerfile")) {
            throw new ConfigException(values.where(at + ".dockerfile_inline") + "build sets both dockerfile and "
                    + "dockerfile_inline: keep one");
        }
        Long shmSize = b.get("shm_size") == null ? null : values.parse(at + ".shm_size",
                () -> ResourceQuantities.parseMemory(values.scalarText(b.get("shm_size"), at + ".shm_size")));
        List<String> extraHosts = new ArrayList<>();
        ComposeMerge.keyed(b.get("extra_hosts"), ":").forEach((host, ip) -> {
            if (ip == null) {
                throw new ConfigException(values.where(at + ".extra_hosts") + "build extra_hosts entry '" + host
                        + "' needs an address: HOST:IP");
            }
            extraHosts.add(host + ":" + ip);
        });
        ImageBuild.Options options = new ImageBuild.Options(inline, values.strings(b.get("cache_from"), at + ".cache_from"),
                values.string(b.get("network"), at + ".network", null), shmSize, extraHosts);
        return new Build(context, values.string(b.get("dockerfile"), at + ".dockerfile", "Dockerfile"),
                buildArgs(b.get("args"), at + ".args"), values.string(b.get("target"), at + ".target", null),
                values.strings(b.get("tags"), at + ".tags"), values.stringMap(b.get("labels"), at + ".labels"), options);
    }

    /** A name without a value takes the variable's value from the environment, or is not passed when it has none. */
    private Map<String, String> buildArgs(Object value, String at) {
        Map<String, String> args = new LinkedHashMap<>();
        ComposeMerge.keyed(value, "=").forEach((key, v) -> {
            if (v != null) {
                args.put(key, values.scalarText(v, at + "." + key));
            } else if (environment.containsKey(key)) {
                args.put(key, isSecret.test(key) ? "${" + key + "}" : environment.get(key));
            }
        });
        return args;
    }
}
