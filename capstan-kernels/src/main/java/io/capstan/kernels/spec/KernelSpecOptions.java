package io.capstan.kernels.spec;

import io.capstan.core.error.ConfigException;
import io.capstan.core.error.InvalidSpecException;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * What {@code kernelspec install} was told, each null when not given: on the command line, or read from a
 * {@code --config} file. {@link #resolve} fills the gaps from another set of options, then the environment
 * ({@code CAPSTAN_IMAGE_NAME}, and the seed's {@code GP_*} variables), then the defaults.
 */
public record KernelSpecOptions(Boolean swarm, String imageName, String kernelName, String displayName,
                                String language, List<String> authorizedUsers, List<String> unauthorizedUsers,
                                String portRange, Integer launchTimeout, String ipykernelSubclassName,
                                String logLevel, String network) {
    public static final KernelSpecOptions NONE = new KernelSpecOptions(null, null, null, null, null, null, null, null,
            null, null, null, null);
    public static final String DEFAULT_IMAGE = "capstan-kernel-python:latest";
    public static final int DEFAULT_LAUNCH_TIMEOUT = 30;
    private static final Map<String, Integer> LEVELS = Map.of("DEBUG", 10, "INFO", 20, "WARN", 30, "WARNING", 30,
            "ERROR", 40, "CRITICAL", 50);

    /** These options, then {@code fallback}'s, then the environment's, then the defaults. */
    public KernelSpec resolve(KernelSpecOptions fallback, Map<String, String> env) {
        KernelMode mode = Boolean.TRUE.equals(first(swarm, fallback.swarm)) ? KernelMode.SWARM : KernelMode.CONTAINER;
        String variant = mode == KernelMode.SWARM ? "swarm_" : "";
        Language lang = Language.parse(first(language, fallback.language, "Python"));
        String image = first(imageName, fallback.imageName, env.get("CAPSTAN_IMAGE_NAME"), env.get("GP_IMAGE_NAME"));
        if (image == null || image.isBlank()) {
            if (lang != Language.PYTHON) {
                throw new ConfigException("--language " + lang.displayName() + " needs --image-name: Capstan builds "
                        + "only the Python kernel image");
            }
            image = DEFAULT_IMAGE;
        }
        String subclass = first(ipykernelSubclassName, fallback.ipykernelSubclassName, KernelSpec.DEFAULT_SUBCLASS);
        List<String> argv = lang.containerArgv().stream().map(a -> a.replace("{ipykernel_subclass}", subclass)).toList();
        return new KernelSpec(
                first(kernelName, fallback.kernelName, "docker_" + variant + lang.word()),
                first(displayName, fallback.displayName, "Docker " + (mode == KernelMode.SWARM ? "Swarm " : "")
                        + lang.displayName()),
                lang, mode, image, first(network, fallback.network, ""),
                new TreeSet<>(first(authorizedUsers, fallback.authorizedUsers, commaSeparated(env.get("GP_AUTHORIZED_USERS")),
                        List.of())),
                new TreeSet<>(first(unauthorizedUsers, fallback.unauthorizedUsers,
                        commaSeparated(env.get("GP_UNAUTHORIZED_USERS")), List.of("root"))),
                PortRange.parse(first(portRange, fallback.portRange, env.get("GP_PORT_RANGE"), "0..0")),
                first(launchTimeout, fallback.launchTimeout, timeout(env.get("GP_LAUNCH_TIMEOUT")), DEFAULT_LAUNCH_TIMEOUT),
                subclass, logLevel(first(logLevel, fallback.logLevel, "30")), argv);
    }

    /** 0, 10, 20, 30, 40, 50 or DEBUG, INFO, WARN, ERROR, CRITICAL, as the seed's {@code --log-level}. */
    public static int logLevel(String text) {
        String value = text.strip().toUpperCase(Locale.ROOT);
        if (LEVELS.containsKey(value)) {
            return LEVELS.get(value);
        }
        if (value.matches("0|10|20|30|40|50")) {
            return Integer.parseInt(value);
        }
        throw new InvalidSpecException("invalid log level '" + text + "': expected one of 0, 10, 20, 30, 40, 50, "
                + "DEBUG, INFO, WARN, ERROR, CRITICAL");
    }

    private static List<String> commaSeparated(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static Integer timeout(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidSpecException("invalid GP_LAUNCH_TIMEOUT '" + value + "': expected whole seconds");
        }
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
