package io.capstan.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The CLI as its own process, as the launcher would run it from this checkout. */
final class CliProcess {
    private CliProcess() {
    }

    /** Starts {@code capstan ARGS...}, its standard output in {@code out} and its errors in {@code err}. */
    static Process start(List<String> args, Path out, Path err) throws IOException {
        Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dcapstan.home=" + root, "-cp", System.getProperty("java.class.path"), "io.capstan.cli.Main"));
        command.addAll(args);
        return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(err.toFile())).start();
    }
}
