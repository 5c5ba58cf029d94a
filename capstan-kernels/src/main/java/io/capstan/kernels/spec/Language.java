package io.capstan.kernels.spec;

import io.capstan.core.error.InvalidSpecException;

import java.util.List;
import java.util.Locale;

/** The kernel languages a kernelspec may name, with the command that starts each kernel inside its container. */
public enum Language {
    PYTHON("Python", List.of("python3", "-m", "ipykernel_launcher", "--IPKernelApp.kernel_class={ipykernel_subclass}",
            "-f", "{connection_file}")),
    R("R", List.of("R", "--slave", "-e", "IRkernel::main()", "--args", "{connection_file}")),
    SCALA("Scala", List.of("/usr/local/bin/run.sh", "--profile", "{connection_file}"));

    private final String displayName;
    private final List<String> containerArgv;

    Language(String displayName, List<String> containerArgv) {
        this.displayName = displayName;
        this.containerArgv = containerArgv;
    }

    /** {@code Python}, {@code R}, {@code Scala}: as the option takes it and display names show it. */
    public String displayName() {
        return displayName;
    }

    /** The lower-case word kernel.json's {@code language} carries. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kernel's command inside the container; {@code {connection_file}} is the connection file there. */
    public List<String> containerArgv() {
        return containerArgv;
    }

    public static Language parse(String text) {
        for (Language language : values()) {
            if (language.displayName.equalsIgnoreCase(text == null ? "" : text.strip())) {
                return language;
            }
        }
        throw new InvalidSpecException("invalid language '" + text + "': expected one of Python, R or Scala");
    }
}
