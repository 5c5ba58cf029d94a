package io.capstan.kubernetes.examples;

import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code examples/orchestration/SeedExamples.java}, compiled as a user would against Capstan's jars, and run. */
final class SeedExamplesProgram {
    static final Path EXAMPLES = Path.of("..", "examples", "orchestration").toAbsolutePath().normalize();

    private SeedExamplesProgram() {
    }

    /** Runs {@code SeedExamples.run(args)} and returns what it printed. */
    static String run(Path workDir, String... args) {
        try {
            Path classes = Files.createDirectories(workDir.resolve("classes"));
            ByteArrayOutputStream errors = new ByteArrayOutputStream();
            int code = ToolProvider.getSystemJavaCompiler().run(null, null, errors, "-d", classes.toString(),
                    "-cp", System.getProperty("java.class.path"), EXAMPLES.resolve("SeedExamples.java").toString());
            if (code != 0) {
                throw new AssertionError("the example does not compile:\n" + errors.toString(StandardCharsets.UTF_8));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (var loader = new URLClassLoader(new java.net.URL[] {classes.toUri().toURL()},
                    SeedExamplesProgram.class.getClassLoader())) {
                loader.loadClass("SeedExamples").getMethod("run", String[].class, PrintStream.class)
                        .invoke(null, args, new PrintStream(out, true, StandardCharsets.UTF_8));
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
