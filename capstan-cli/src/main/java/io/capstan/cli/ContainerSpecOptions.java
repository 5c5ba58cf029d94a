package io.capstan.cli;

import io.capstan.core.error.InvalidSpecException;
import io.capstan.core.label.Labels;
import io.capstan.core.spec.ContainerSpec;
import io.capstan.core.spec.HealthCheck;
import io.capstan.core.spec.Mount;
import io.capstan.core.spec.NetworkAttachment;
import io.capstan.core.spec.PortMapping;
import io.capstan.core.spec.Resources;
import io.capstan.core.spec.RestartPolicy;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The options of {@code containers create} and {@code containers run}, named as docker names them. */
final class ContainerSpecOptions {
    @Option(names = "--name", description = "Container name.")
    String name;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY[=VALUE]",
            description = "Set an environment variable; KEY alone copies it from Capstan's environment.")
    List<String> env = new ArrayList<>();

    @Option(names = "--env-file", paramLabel = "FILE",
            description = "Read environment variables from a file: KEY=VALUE lines (KEY alone copies it), # comments.")
    List<Path> envFiles = new ArrayList<>();

    @Option(names = {"-p", "--publish"}, paramLabel = "[IP:][HOST:]PORT[/PROTO]",
            description = "Publish a container port, such as 8080:80 or 127.0.0.1::53/udp (no host port: any free one).")
    List<String> ports = new ArrayList<>();

    @Option(names = {"-l", "--label"}, paramLabel = "KEY=VALUE", description = "Add a label.")
    List<String> labels = new ArrayList<>();

    @Option(names = "--cpus", paramLabel = "CPUS", description = "CPU limit: 0.5, 2, or millicores such as 500m.")
    String cpus;

    @Option(names = {"-m", "--memory"}, paramLabel = "BYTES", description = "Memory limit: 512m, 512Mi, 1g, 1.5Gi or bytes.")
    String memory;

    @Option(names = "--restart", paramLabel = "POLICY", defaultValue = "no",
            description = "Restart policy: no, always, unless-stopped, on-failure[:N] (default: no).")
    String restart;

    @Option(names = "--network", paramLabel = "NETWORK", description = "Join a network (repeatable; the first is primary).")
    List<String> networks = new ArrayList<>();

    @Option(names = "--network-alias", paramLabel = "ALIAS", description = "Another name for the container on its first network.")
    List<String> aliases = new ArrayList<>();

    @Option(names = {"-v", "--volume"}, paramLabel = "SOURCE:TARGET[:ro]",
            description = "Mount a named volume or a host path (absolute), such as data:/var/lib/data or /srv:/srv:ro.")
    List<String> volumes = new ArrayList<>();

    @Option(names = "--health-cmd", paramLabel = "COMMAND", description = "Healthcheck command, run with /bin/sh -c.")
    String healthCmd;

    @Option(names = "--health-interval", paramLabel = "DURATION", defaultValue = "30s",
            description = "Time between healthchecks, such as 5s (default: 30s).")
    String healthInterval;

    @Option(names = "--health-retries", paramLabel = "N", description = "Failures in a row that make it unhealthy.")
    int healthRetries;

    @Option(names = {"-u", "--user"}, description = "User to run as (name, uid or uid:gid).")
    String user;

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "Working directory inside the container.")
    String workdir;

    @Option(names = "--hostname", description = "Container hostname.")
    String hostname;

    @Option(names = "--add-host", paramLabel = "HOST:IP", description = "Add an /etc/hosts entry; IP may be host-gateway.")
    List<String> extraHosts = new ArrayList<>();

    @Option(names = "--entrypoint", paramLabel = "COMMAND", description = "Replace the image's entrypoint.")
    String entrypoint;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "Image to run.")
    String image;

    @Parameters(index = "1..*", paramLabel = "COMMAND", description = "Command and arguments (default: the image's).")
    List<String> command = new ArrayList<>();

    ContainerSpec toSpec() {
        return toSpec(false);
    }

    /** @param autoRemove the engine removes the container when it exits */
    ContainerSpec toSpec(boolean autoRemove) {
        return toSpec(autoRemove, false, false);
    }

    /**
     * @param autoRemove the engine removes the container when it exits
     * @param stdin      its input is kept open for the attached client, to the end of that client's input
     * @param tty        it gets a terminal
     */
    ContainerSpec toSpec(boolean autoRemove, boolean stdin, boolean tty) {
        ContainerSpec.Builder b = ContainerSpec.builder(image).name(name).command(command)
                .interactive(stdin, tty)
                .labels(Labels.owned())
                .resources(Resources.parse(cpus, memory))
                .restart(RestartPolicy.parse(restart))
                .user(user).workingDir(workdir).hostname(hostname)
                .autoRemove(autoRemove);
        List<String> assignments = new ArrayList<>();
        envFiles.forEach(f -> assignments.addAll(EnvFile.read(f)));
        assignments.addAll(env);
        EnvAssignments.parse(assignments, System.getenv()).forEach(b::env);
        for (String label : labels) {
            int eq = label.indexOf('=');
            if (eq == 0) {
                throw new InvalidSpecException("invalid label '" + label + "': expected KEY=VALUE");
            }
            b.label(eq < 0 ? label : label.substring(0, eq), eq < 0 ? "" : label.substring(eq + 1));
        }
        ports.forEach(p -> b.port(PortMapping.parse(p)));
        volumes.forEach(v -> b.mount(Mount.parse(v)));
        for (int i = 0; i < networks.size(); i++) {
            b.network(new NetworkAttachment(networks.get(i), i == 0 ? aliases : List.of()));
        }
        if (!aliases.isEmpty() && networks.isEmpty()) {
            throw new InvalidSpecException("--network-alias needs --network: aliases exist only on user-defined networks");
        }
        if (healthCmd != null) {
            b.healthCheck(new HealthCheck(List.of("CMD-SHELL", healthCmd), io.capstan.core.resource.Durations.parse(healthInterval), null,
                    healthRetries, null));
        }
        extraHosts.forEach(b::extraHost);
        if (entrypoint != null) {
            b.entrypoint(List.of(entrypoint));
        }
        return b.build();
    }
}
