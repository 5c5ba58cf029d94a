package io.capstan.cli;

import io.capstan.core.error.InvalidSpecException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --via podman|docker}: hands the generated compose files to another compose tool with the argv the seed
 * system used: {@code -f} per file, root first, and {@code --env-file .env} when the project has one.
 */
final class ComposeVia {
    private ComposeVia() {
    }

    static List<String> tool(String via) {
        return switch (via) {
            case "podman" -> List.of("podman", "compose");
            case "docker" -> dockerComposeAvailable() ? List.of("docker", "compose") : List.of("docker-compose");
            default -> throw new InvalidSpecException("--via takes podman or docker, not '" + via + "'");
        };
    }

    /** The command lines for one verb; {@code clean} and {@code rebuild} take more than one. */
    static List<List<String>> argv(List<String> tool, List<Path> files, Path envFile, String verb, boolean detach) {
        List<String> base = new ArrayList<>(tool);
        files.forEach(f -> {
            base.add("-f");
            base.add(f.toString());
        });
        if (envFile != null && Files.isRegularFile(envFile)) {
            base.add("--env-file");
            base.add(envFile.toString());
        }
        List<String> up = with(base, detach ? List.of("up", "-d") : List.of("up"));
        return switch (verb) {
            case "up" -> List.of(up);
            case "down" -> List.of(with(base, List.of("down")));
            case "clean" -> List.of(with(base, List.of("down", "--rmi", "local", "--volumes", "--remove-orphans")));
            case "rebuild" -> List.of(with(base, List.of("down", "--rmi", "local", "--volumes", "--remove-orphans")),
                    with(base, List.of("build")), up);
            case "ps", "logs", "config" -> List.of(with(base, List.of(verb)));
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
