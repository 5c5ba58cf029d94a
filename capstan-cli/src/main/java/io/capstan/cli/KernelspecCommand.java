package io.capstan.cli;

import io.capstan.cli.output.Json;
import io.capstan.cli.output.OutputFormat;
import io.capstan.cli.output.Table;
import io.capstan.core.error.ConfigException;
import io.capstan.kernels.spec.InstalledKernelSpec;
import io.capstan.kernels.spec.KernelSpecConfigFile;
import io.capstan.kernels.spec.KernelSpecInstaller;
import io.capstan.kernels.spec.KernelSpecLocations;
import io.capstan.kernels.spec.KernelSpecOptions;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

@Command(name = "kernelspec", description = "Install, list and remove Jupyter kernelspecs whose kernels run in containers.",
        footer = {"", "Examples:",
                "  capstan kernelspec install",
                "  capstan kernelspec install --user --kernel-name py_net --network lab --authorized-users alice",
                "  capstan kernelspec list",
                "  capstan kernelspec remove docker_python"},
        subcommands = {KernelspecCommand.Install.class, KernelspecCommand.ListSpecs.class, KernelspecCommand.Remove.class})
final class KernelspecCommand {

    /** Where to install or look: at most one of --user, --sys-prefix, --prefix. */
    static final class Where {
        @Option(names = "--user", description = "The per-user kernel registry (~/.local/share/jupyter/kernels).")
        boolean user;
        @Option(names = "--sys-prefix", description = "Python's sys.prefix (of python3 on the PATH): for virtual environments.")
        boolean sysPrefix;
        @Option(names = "--prefix", paramLabel = "DIR", description = "DIR/share/jupyter/kernels.")
        Path prefix;

        Path directory(KernelSpecLocations locations) {
            return user ? locations.user() : sysPrefix ? locations.sysPrefix() : KernelSpecLocations.underPrefix(prefix);
        }
    }

    @Command(name = "install", description = {
            "Write a kernelspec whose kernels Capstan starts as containers of a kernel image, for any Jupyter client "
                    + "(JupyterLab, Notebook, Jupyter Server, jupyter console, jupyter_client, nbclient).",
            "Without --user, --sys-prefix or --prefix it goes to /usr/local/share/jupyter/kernels. With --swarm "
                    + "each kernel is a Swarm service of the swarm the engine manages."},
            footer = {"", "Examples:",
                    "  capstan kernelspec install --language=R --kernel-name=r_docker --image-name=foo/my_r_kernel:v4_0",
                    "  capstan kernelspec install --user --display-name 'Python (lab network)' --network lab",
                    "  capstan kernelspec install --swarm --kernel-name=python_swarm --network kernels",
                    "  capstan kernelspec install --prefix /opt/jupyter --authorized-users alice --authorized-users bob"})
    static final class Install implements Runnable {
        private final Cli cli;
        @ArgGroup(exclusive = true)
        Where where;
        @Option(names = "--swarm", description = "Run kernels as Swarm services (one task, never restarted, ports "
                + "published in host mode) instead of containers; default names docker_swarm_python, "
                + "'Docker Swarm Python'.")
        Boolean swarm;
        @Option(names = "--image-name", paramLabel = "IMAGE", description = "The kernel image (default: "
                + "CAPSTAN_IMAGE_NAME, else GP_IMAGE_NAME, else " + KernelSpecOptions.DEFAULT_IMAGE + ").")
        String imageName;
        @Option(names = "--kernel-name", paramLabel = "NAME", description = "The kernelspec's directory name (default: docker_python).")
        String kernelName;
        @Option(names = "--display-name", paramLabel = "TEXT", description = "The name clients show (default: Docker Python).")
        String displayName;
        @Option(names = "--language", paramLabel = "LANGUAGE", description = "Python, R or Scala (default: Python).")
        String language;
        @Option(names = "--authorized-users", paramLabel = "USER", description = "Only these KERNEL_USERNAMEs may launch "
                + "the kernel (repeatable; default: GP_AUTHORIZED_USERS, comma-separated, else anyone).")
        List<String> authorizedUsers;
        @Option(names = "--unauthorized-users", paramLabel = "USER", description = "These KERNEL_USERNAMEs may not launch "
                + "it; they take precedence (repeatable; default: GP_UNAUTHORIZED_USERS, else root).")
        List<String> unauthorizedUsers;
        @Option(names = "--port-range", paramLabel = "LO..HI", description = "Host ports the kernel's ports must lie in "
                + "(default: GP_PORT_RANGE, else 0..0, none).")
        String portRange;
        @Option(names = "--launch-timeout", paramLabel = "SECONDS", description = "How long the launcher waits for the "
                + "kernel to answer (default: GP_LAUNCH_TIMEOUT, else 30).")
        Integer launchTimeout;
        @Option(names = "--ipykernel-subclass-name", paramLabel = "CLASS",
                description = "For Python kernels, the ipykernel class (default: ipykernel.ipkernel.IPythonKernel).")
        String ipykernelSubclassName;
        @Option(names = "--network", paramLabel = "NETWORK", description = "The network kernel containers join "
                + "(default: the engine's default network).")
        String network;
        @Option(names = "--log-level", paramLabel = "LEVEL", description = "The launcher's log level: 0, 10, 20, 30, "
                + "40, 50 or DEBUG, INFO, WARN, ERROR, CRITICAL (default: 30).")
        String logLevel;
        @Option(names = "--debug", description = "Set the launcher's log level to DEBUG.")
        boolean debug;
        @Option(names = "--config", paramLabel = "FILE", description = "A JSON file of these options, such as "
                + "{\"image_name\": \"my-kernel:1\", \"authorized_users\": [\"alice\"]}; the command line takes precedence.")
        Path config;
        @Option(names = "--launcher", paramLabel = "PATH", description = "The capstan command the kernelspec runs "
                + "(default: this checkout's ./capstan).")
        Path launcher;

        Install(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            var options = new KernelSpecOptions(swarm, imageName, kernelName, displayName, language, authorizedUsers,
                    unauthorizedUsers, portRange, launchTimeout, ipykernelSubclassName, debug ? "DEBUG" : logLevel, network);
            var spec = options.resolve(config == null ? KernelSpecOptions.NONE : KernelSpecConfigFile.read(config),
                    System.getenv());
            var locations = KernelSpecLocations.fromEnvironment();
            Path kernelsDir = where == null ? KernelSpecLocations.SYSTEM : where.directory(locations);
            cli.err().println("capstan: installing kernelspec for '" + spec.displayName() + "'");
            Path dir = new KernelSpecInstaller(launcherPath()).install(spec, kernelsDir);
            cli.out().println("Installed kernelspec " + spec.name() + " in " + dir);
        }

        private Path launcherPath() {
            if (launcher != null) {
                return launcher.toAbsolutePath().normalize();
            }
            String home = System.getProperty("capstan.home");
            Path script = home == null ? null : Path.of(home, "capstan");
            if (script == null || !Files.isExecutable(script)) {
                throw new ConfigException("cannot tell where the capstan command is: run this through the ./capstan "
                        + "launcher, or name it with --launcher PATH");
            }
            return script.toAbsolutePath().normalize();
        }
    }

    @Command(name = "list", aliases = "ls", description = "List Capstan's kernelspecs where Jupyter looks for them "
            + "(JUPYTER_PATH, the user's and the system's kernel directories).",
            footer = {"", "Example:", "  capstan kernelspec list --format json"})
    static final class ListSpecs implements Runnable {
        private final Cli cli;
        @Mixin
        OutputFormat format;
        @Option(names = "--prefix", paramLabel = "DIR", description = "Look in DIR/share/jupyter/kernels first.")
        Path prefix;

        ListSpecs(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            List<InstalledKernelSpec> specs = KernelSpecInstaller.list(searchPath(prefix));
            if (format.json()) {
                Json.print(cli.out(), specs.stream().map(s -> Map.of("name", s.spec().name(), "display_name",
                        s.spec().displayName(), "image", s.spec().image(), "mode", s.spec().mode().word(),
                        "network", s.spec().network(), "directory", s.directory().toString())).toList());
                return;
            }
            Table table = Table.of("NAME", "DISPLAY NAME", "IMAGE", "MODE", "NETWORK", "DIRECTORY");
            specs.forEach(s -> table.row(s.spec().name(), s.spec().displayName(), s.spec().image(), s.spec().mode().word(),
                    s.spec().network().isEmpty() ? "default" : s.spec().network(), s.directory().toString()));
            table.print(cli.out());
        }
    }

    @Command(name = "remove", aliases = "rm", description = "Remove Capstan kernelspecs by name (the first found where "
            + "Jupyter looks; others are left alone).",
            footer = {"", "Example:", "  capstan kernelspec remove docker_python"})
    static final class Remove implements Runnable {
        private final Cli cli;
        @Option(names = "--prefix", paramLabel = "DIR", description = "Look in DIR/share/jupyter/kernels first.")
        Path prefix;
        @Parameters(arity = "1..*", paramLabel = "NAME")
        List<String> names;

        Remove(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            for (String name : names) {
                cli.out().println("Removed " + KernelSpecInstaller.remove(name, searchPath(prefix)));
            }
        }
    }

    private static List<Path> searchPath(Path prefix) {
        List<Path> dirs = new java.util.ArrayList<>(KernelSpecLocations.fromEnvironment().searchPath());
        if (prefix != null) {
            dirs.addFirst(KernelSpecLocations.underPrefix(prefix));
        }
        return dirs;
    }
}
