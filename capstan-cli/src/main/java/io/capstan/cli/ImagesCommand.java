package io.capstan.cli;

import io.capstan.cli.output.Ages;
import io.capstan.cli.output.Json;
import io.capstan.cli.output.OutputFormat;
import io.capstan.cli.output.Table;
import io.capstan.core.engine.RootfsImport;
import io.capstan.core.error.InvalidSpecException;
import io.capstan.core.model.ImageInfo;
import io.capstan.core.resource.ResourceQuantities;
import io.capstan.core.spec.ImageBuild;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "images", description = "List, build, import, pull, push, tag and remove images.",
        footer = {"", "Examples:",
                "  capstan images ls",
                "  capstan images build -t web:1 ./web",
                "  capstan images tag web:1 127.0.0.1:5000/web:1",
                "  capstan images push 127.0.0.1:5000/web:1"},
        subcommands = {ImagesCommand.Ls.class, ImagesCommand.Build.class, ImagesCommand.Pull.class,
                ImagesCommand.Push.class, ImagesCommand.Tag.class, ImagesCommand.Rm.class, ImagesCommand.Import.class})
final class ImagesCommand {

    @Command(name = "ls", description = "List images, one row per name.",
            footer = {"", "Example:", "  capstan images ls --format json"})
    static final class Ls implements Runnable {
        private final Cli cli;
        @Mixin
        OutputFormat format;

        Ls(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            List<ImageInfo> images = cli.engine().images().list();
            if (format.json()) {
                Json.print(cli.out(), images);
                return;
            }
            Instant now = Instant.now();
            Table table = Table.of("REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE");
            images.forEach(i -> table.row(i.repository(), i.tag(), i.shortId(), Ages.since(i.created(), now),
                    ResourceQuantities.formatBytes(i.size())));
            table.print(cli.out());
        }
    }

    @Command(name = "build", description = "Build an image from a directory with a Dockerfile.",
            footer = {"", "Example:", "  capstan images build -t app:1.0 --build-arg VERSION=1.0 ./app"})
    static final class Build implements Runnable {
        private final Cli cli;
        @Option(names = {"-t", "--tag"}, required = true, paramLabel = "NAME[:TAG]", description = "Name the image (repeatable).")
        List<String> tags;
        @Option(names = {"-f", "--file"}, paramLabel = "DOCKERFILE", description = "Dockerfile, relative to the context (default: Dockerfile).")
        String dockerfile;
        @Option(names = "--build-arg", paramLabel = "KEY=VALUE", description = "Set a build-time ARG.")
        List<String> buildArgs = new ArrayList<>();
        @Option(names = "--target", paramLabel = "STAGE", description = "Stop at this stage of a multi-stage build.")
        String target;
        @Parameters(paramLabel = "CONTEXT", description = "Build context directory.")
        Path context;

        Build(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            Map<String, String> args = new LinkedHashMap<>();
            for (String arg : buildArgs) {
                int eq = arg.indexOf('=');
                if (eq <= 0) {
                    throw new InvalidSpecException("invalid --build-arg '" + arg + "': expected KEY=VALUE");
                }
                args.put(arg.substring(0, eq), arg.substring(eq + 1));
            }
            ImageInfo image = cli.engine().images().build(
                    new ImageBuild(context.toAbsolutePath(), dockerfile, tags, args, target, Map.of()),
                    line -> cli.err().println(line));
            cli.out().println(image.id());
        }
    }

    @Command(name = "pull", description = "Pull an image from its registry.",
            footer = {"", "Example:", "  capstan images pull 127.0.0.1:5000/app:1.0"})
    static final class Pull implements Runnable {
        private final Cli cli;
        @Parameters(paramLabel = "IMAGE")
        String ref;

        Pull(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            cli.out().println(cli.engine().images().pull(ref, line -> cli.err().println(line)).id());
        }
    }

    @Command(name = "push", description = "Push an image to the registry its name points at.",
            footer = {"", "Example:", "  capstan images push 127.0.0.1:5000/app:1.0"})
    static final class Push implements Runnable {
        private final Cli cli;
        @Parameters(paramLabel = "IMAGE")
        String ref;

        Push(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            cli.engine().images().push(ref, line -> cli.err().println(line));
            cli.out().println(ref);
        }
    }

    @Command(name = "tag", description = "Give an image another name.",
            footer = {"", "Example:", "  capstan images tag app:1.0 127.0.0.1:5000/app:1.0"})
    static final class Tag implements Runnable {
        private final Cli cli;
        @Parameters(index = "0", paramLabel = "SOURCE")
        String source;
        @Parameters(index = "1", paramLabel = "TARGET")
        String target;

        Tag(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            cli.engine().images().tag(source, target);
            cli.out().println(target);
        }
    }

    @Command(name = "rm", description = "Remove images (names, or ids).",
            footer = {"", "Example:", "  capstan images rm app:1.0"})
    static final class Rm implements Callable<Integer> {
        private final Cli cli;
        @Option(names = {"-f", "--force"}, description = "Remove even when several names or stopped containers use it.")
        boolean force;
        @Parameters(arity = "1..*", paramLabel = "IMAGE")
        List<String> refs;

        Rm(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            return EachRef.apply(cli, refs, ref -> cli.engine().images().remove(ref, force));
        }
    }

    @Command(name = "import", description = "Create an image from a root filesystem tarball ('-' reads standard input).",
            footer = {"", "Example:", "  tar -C rootfs -c . | capstan images import -c 'CMD [\"sh\"]' - mybox:latest"})
    static final class Import implements Runnable {
        private final Cli cli;
        @Option(names = {"-c", "--change"}, paramLabel = "INSTRUCTION", description = "Dockerfile instruction to apply, such as CMD [\"sh\"].")
        List<String> changes = new ArrayList<>();
        @Parameters(index = "0", paramLabel = "TARBALL")
        String tarball;
        @Parameters(index = "1", paramLabel = "NAME[:TAG]")
        String ref;

        Import(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            try (InputStream in = tarball.equals("-") ? System.in : open(Path.of(tarball))) {
                cli.out().println(cli.engine().require(RootfsImport.class, "import a root filesystem")
                        .importRootfs(in, ref, changes).id());
            } catch (IOException e) {
                throw new InvalidSpecException("cannot read tarball '" + tarball + "': " + e.getMessage(), e);
            }
        }

        private static InputStream open(Path path) throws IOException {
            if (!Files.isRegularFile(path)) {
                throw new InvalidSpecException("tarball '" + path + "' does not exist or is not a file");
            }
            return Files.newInputStream(path);
        }
    }
}
