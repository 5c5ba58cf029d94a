package io.capstan.cli;

import io.capstan.core.error.InvalidSpecException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --via podman|docker}: hands the generated compose files to another compose tool with the argv the seed
 * system used: {@code -f} per file, root first, and {@code --env-file .env} when the project has one; plus the
 * stack's project name (the tool would otherwise name every stack after the files' directory, {@code services}) and
 * the verb's flags.
 */
final class ComposeVia {
    private ComposeVia() {
    }

    /** The tool with Compose's {@code --profile} option per profile. */
    static List<String> tool(String via, List<String> profiles) {
        List<String> tool = new ArrayList<>(tool(via));
        profiles.forEach(p -> tool.addAll(List.of("--profile", p)));
        return tool;
    }

    static List<String> tool(String via) {
        return switch (via) {
            case "podman" -> List.of("podman", "compose");
            case "docker" -> dockerComposeAvailable() ? List.of("docker", "compose") : List.of("docker-compose");
            default -> throw new InvalidSpecException("--via takes podman or docker, not '" + via + "'");
        };
    }

    /**
     * The verb's flags that the other tool is given too; a null timeout leaves each service's stop_grace_period.
     *
     * @param given the verb's options and service names as Compose takes them ({@link ViaArguments}), passed on as
     *              they are by the verbs that are Compose's own
     */
    record VerbFlags(boolean detach, boolean volumes, Integer timeoutSeconds, List<String> given) {
        VerbFlags(boolean detach, boolean volumes, Integer timeoutSeconds) {
            this(detach, volumes, timeoutSeconds, List.of());
        }
    }

    /** The command lines for one verb; {@code clean} and {@code rebuild} take more than one. */
    static List<List<String>> argv(List<String> tool, List<Path> files, Path envFile, String projectName, String verb,
                                   VerbFlags flags) {
        List<String> base = new ArrayList<>(tool);
        files.forEach(f -> {
            base.add("-f");
            base.add(f.toString());
        });
        if (envFile != null && Files.isRegularFile(envFile)) {
            base.add("--env-file");
            base.add(envFile.toString());
        }
        base.add("-p");
        base.add(projectName);
        ViaArguments.refuseMissing(tool, verb, flags.given());
        List<String> up = with(base, flags.detach() ? List.of("up", "-d") : List.of("up"));
        List<String> down = new ArrayList<>(List.of("down"));
        if (flags.timeoutSeconds() != null) {
            down.addAll(List.of("-t", String.valueOf(flags.timeoutSeconds())));
        }
        if (flags.volumes()) {
            down.add("--volumes");
        }
        return switch (verb) {
            case "up" -> List.of(flags.given().isEmpty() ? up : with(base, with(List.of("up"), flags.given())));
            case "down" -> List.of(with(base, down));
            case "clean" -> List.of(with(base, List.of("down", "--rmi", "local", "--volumes", "--remove-orphans")));
            case "rebuild" -> List.of(with(base, List.of("down", "--rmi", "local", "--volumes", "--remove-orphans")),
                    with(base, List.of("build")), up);
            case "ps", "logs", "stop", "start", "restart", "exec", "stats" ->
                    List.of(with(base, with(List.of(verb), flags.given())));
            case "config" -> List.of(with(base, List.of(verb)));
            default -> throw new InvalidSpecException("'" + verb + "' cannot be run --via another tool");
        };
    }

    static int run(List<List<String>> commands) {
        for (List<String> command : commands) {
            try {
                int code = new ProcessBuilder(command).inheritIO().start().waitFor();
                if (code != 0) {
                    return code;
                }
            } catch (IOException e) {
                throw new InvalidSpecException("cannot run '" + String.join(" ", command) + "': " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 130;
            }
        }
        return 0;
    }

    private static List<String> with(List<String> base, List<String> more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(more);
        return all;
    }

    private static boolean dockerComposeAvailable() {
        try {
            return new ProcessBuilder("docker", "compose", "version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
