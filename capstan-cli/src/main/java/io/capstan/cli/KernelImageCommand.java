package io.capstan.cli;

import io.capstan.kernels.image.KernelImageBuilder;
import io.capstan.kernels.image.KernelImageRecipe;
import io.capstan.kernels.image.RootfsBootstrap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

@Command(name = "image", description = "Build the image kernels run in.",
        footer = {"", "Examples:", "  sudo capstan kernel image build", "  sudo capstan kernel image build --rebuild"},
        subcommands = {KernelImageCommand.Build.class})
final class KernelImageCommand {

    @Command(name = "build", description = {
            "Build a Python kernel image from Debian packages: a minimal root filesystem with python3-ipykernel, made "
                    + "with mmdebstrap (or debootstrap) and imported into the engine. Needs root.",
            "The root filesystem is cached; nothing is done when the image exists and its recipe did not change."},
            footer = {"", "Examples:",
                    "  sudo capstan kernel image build",
                    "  sudo capstan kernel image build --tag my-kernel:1 --suite trixie"})
    static final class Build implements Runnable {
        private final Cli cli;
        @Option(names = "--tag", paramLabel = "NAME", defaultValue = KernelImageBuilder.DEFAULT_TAG,
                description = "Image name (default: ${DEFAULT-VALUE}).")
        String tag;
        @Option(names = "--suite", paramLabel = "SUITE",
                description = "Debian suite (default: this machine's, else bookworm).")
        String suite;
        @Option(names = "--mirror", paramLabel = "URL", defaultValue = KernelImageRecipe.DEFAULT_MIRROR,
                description = "Debian mirror (default: ${DEFAULT-VALUE}).")
        String mirror;
        @Option(names = "--cache-dir", paramLabel = "DIR",
                description = "Where root filesystems are kept (default: /var/cache/capstan/kernel-images when "
                        + "writable, else ~/.cache/capstan/kernel-images).")
        Path cacheDir;
        @Option(names = "--rebuild", description = "Bootstrap and import again even when nothing changed.")
        boolean rebuild;

        Build(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            var recipe = KernelImageRecipe.python(suite != null ? suite : hostSuite(), mirror);
            var builder = new KernelImageBuilder(cli.engine(),
                    cacheDir != null ? cacheDir : KernelImageBuilder.defaultCacheDir(), new RootfsBootstrap());
            var outcome = builder.build(tag, recipe, rebuild, line -> cli.err().println("capstan: " + line));
            cli.out().println(outcome.built()
                    ? "Built " + tag + " (" + outcome.image().shortId() + ")"
                    : tag + " is up to date (" + outcome.image().shortId() + ")");
        }

        /** The codename in /etc/os-release on a Debian machine; bookworm elsewhere. */
        private static String hostSuite() {
            try (var in = Files.newInputStream(Path.of("/etc/os-release"))) {
                Properties release = new Properties();
                release.load(in);
                String id = release.getProperty("ID", "").replace("\"", "");
                String codename = release.getProperty("VERSION_CODENAME", "").replace("\"", "");
                if (id.equals("debian") && !codename.isBlank()) {
                    return codename;
                }
            } catch (java.io.IOException e) {
                // not a Debian machine, or no os-release: use the default below
            }
            return "bookworm";
        }
    }
}
