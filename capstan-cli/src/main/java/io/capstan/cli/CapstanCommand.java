package io.capstan.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;

@Command(name = "capstan",
        mixinStandardHelpOptions = true,
        versionProvider = CapstanCommand.Version.class,
        description = "Runs containers on one host and grows past it: stacks, a control plane, engines and kernels.",
        footer = {"", "Stacks, as 'capstan CONFIG [VERB]':",
                "  capstan examples/demo/config.yml            generate the build directory",
                "  capstan examples/demo/config.yml up -d      generate and run it",
                "  capstan examples/demo/config.yml down       stop and remove it",
                "", "Examples:",
                "  capstan engine info",
                "  capstan server                                 # the control plane's API on 127.0.0.1:8000",
                "  capstan containers run --name web -p 8080:80 capstan-busybox:test httpd -f -p 80 -h /",
                "  capstan --engine unix:///run/podman/podman.sock containers ls"})
public final class CapstanCommand implements Runnable {
    /** The subcommands, in the order help lists them; {@link Main} registers only the one an invocation names. */
    static final List<Class<?>> SUBCOMMANDS = List.of(DemoCommand.class, StackCommand.class, EngineCommand.class,
            ImagesCommand.class, ContainersCommand.class, NetworksCommand.class, VolumesCommand.class, ServerCommand.class,
            ManagedCommand.class, KernelCommand.class, KernelspecCommand.class, SwarmCommand.class, K8sCommand.class,
            TokenCommand.class, CompletionCommand.class, WarmUpCommand.class);

    private final Cli cli;

    @Option(names = "--engine", paramLabel = "ENDPOINT",
            description = "Engine to use, such as unix:///var/run/docker.sock or tcp://HOST:2375 (default: "
                    + "CAPSTAN_ENGINE, else DOCKER_HOST, else the first of the Docker and Podman sockets that answers). "
                    + "A named engine is the only one tried.")
    void engine(String endpoint) {
        cli.engineEndpoint(endpoint);
    }

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    public CapstanCommand(Cli cli) {
        this.cli = cli;
    }

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(cli.out());
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = CapstanCommand.class.getResourceAsStream("/capstan.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"capstan " + p.getProperty("version", "unknown") + " (Java " + Runtime.version() + ")"};
        }
    }
}
