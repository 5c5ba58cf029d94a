package io.capstan.cli;

import io.capstan.core.text.Counted;
import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.cli.output.Json;
import io.capstan.cli.output.OutputFormat;
import io.capstan.cli.output.Table;
import io.capstan.core.error.InvalidSpecException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "managed",
        description = "Managed containers, through a running control plane's API (see 'capstan server').",
        subcommands = {ManagedCommand.Ls.class, ManagedCommand.Run.class, ManagedCommand.Instances.class,
                ManagedCommand.Start.class, ManagedCommand.Stop.class, ManagedCommand.Rm.class,
                ManagedCommand.Resources.class, ManagedCommand.Health.class, ManagedCommand.Desired.class,
                ManagedCommand.Scale.class, ManagedLogs.class, ManagedEvents.class},
        footer = {"", "Examples:",
                "  capstan managed run -p 80/tcp=8080 --memory 64Mi capstan-busybox:test httpd -f -p 80",
                "  capstan managed ls",
                "  capstan managed resources capstan-busybox:test --cpus 0.5",
                "  capstan managed stop capstan-busybox:test",
                "  capstan managed desired capstan-busybox:test --replicas 3 --max 6 --target-cpu 60 -- sleep 3600",
                "  capstan managed scale capstan-busybox:test 5",
                "  capstan managed logs -f capstan-busybox-3fa2c1",
                "  capstan managed events -f capstan-busybox:test"})
final class ManagedCommand {

    /** Where the API is and which token to send. */
    static final class Api {
        @Option(names = "--url", description = "The control plane (default: CAPSTAN_URL or http://127.0.0.1:8000).")
        String url;

        @Option(names = "--token", description = "API token; every user of this host sees it in 'ps', so prefer "
                + "--token-file or CAPSTAN_TOKEN (default: CAPSTAN_TOKEN, else the local server's admin token file, "
                + "sent only to that server).")
        String token;

        @Option(names = "--token-file", paramLabel = "FILE", description = "Read the API token from the first line of "
                + "this file.")
        java.nio.file.Path tokenFile;

        ApiClient client() {
            return ApiClient.of(url, Credential.TOKEN.resolve(token, tokenFile, System.getenv()));
        }
    }

    /** Prints a listing's containers ({@code key} of the answer: {@code containers} or {@code instances}). */
    static void printContainers(Cli cli, JsonNode answer, String key, boolean json) {
        JsonNode list = answer.path(key);
        if (json) {
            Json.print(cli.out(), list);
            return;
        }
        Table table = Table.of("ID", "NAME", "IMAGE", "STATUS", "PORTS");
        for (JsonNode c : list) {
            List<String> ports = new ArrayList<>();
            for (Map.Entry<String, JsonNode> p : c.path("ports").properties()) {
                ports.add((p.getValue().isNull() ? "" : p.getValue().asText() + "->") + p.getKey());
            }
            table.row(c.path("id").asText().substring(0, Math.min(12, c.path("id").asText().length())),
                    c.path("name").asText(), c.path("image").asText(), c.path("state").asText(c.path("status").asText()),
                    String.join(", ", ports));
        }
        table.print(cli.out());
    }

    /** Prints each container's outcome; exit 1 when any failed. */
    static int printResults(Cli cli, JsonNode answer, boolean json) {
        if (json) {
            Json.print(cli.out(), answer);
        } else {
            for (JsonNode r : answer.path("results")) {
                String who = r.path("name").asText(r.path("id").asText("?"));
                if (r.path("ok").asBoolean()) {
                    cli.out().println(who + ": " + r.path("action").asText() + " (" + r.path("status").asText() + ")");
                } else {
                    cli.err().println("capstan: " + who + ": " + r.path("action").asText() + " failed: "
                            + r.path("message").asText());
                }
            }
            if (answer.path("results").isEmpty()) {
                cli.out().println("nothing to do");
            }
            if (answer.has("desired_replicas")) {
                cli.out().println(answer.path("target").asText() + ": desired replicas now "
                        + answer.path("desired_replicas").asInt());
            }
        }
        return answer.path("ok").asBoolean() ? 0 : 1;
    }

    static String target(String ref, String action) {
        return "/containers/" + ApiClient.segment(ref) + "/" + action;
    }

    @Command(name = "ls", description = "List managed containers.",
            footer = {"", "Example:", "  capstan managed ls --image capstan-busybox:test --format json"})
    static final class Ls implements Runnable {
        private final Cli cli;
        @Mixin Api api;
        @Mixin OutputFormat format;
        @Option(names = "--image", description = "Only this image's containers.") String image;

        Ls(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            String query = image == null ? "" : "?image=" + ApiClient.segment(image);
            printContainers(cli, api.client().get("/containers" + query), "containers", format.json());
        }
    }

    @Command(name = "instances", description = "List the managed instances of one image.",
            footer = {"", "Example:", "  capstan managed instances capstan-busybox:test"})
    static final class Instances implements Runnable {
        private final Cli cli;
        @Mixin Api api;
        @Mixin OutputFormat format;
        @Parameters(paramLabel = "IMAGE") String image;

        Instances(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            printContainers(cli, api.client().get(target(image, "instances")), "instances", format.json());
        }
    }

    @Command(name = "run", description = "Create and start managed containers (one, or --count); prints their ids, "
            + "one a line. Without -p, every port the image EXPOSEs is published on a free host port.",
            footer = {"", "Examples:", "  capstan managed run -e DEBUG=true -p 80/tcp=8080 -m 512Mi capstan-busybox:test httpd -f -p 80",
                    "  capstan managed run --count 3 capstan-busybox:test sleep 3600"})
    static final class Run implements Runnable {
        private final Cli cli;
        @Mixin Api api;
        @Mixin OutputFormat format;
        @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE") List<String> env = new ArrayList<>();
        @Option(names = {"-p", "--publish"}, paramLabel = "[HOST:]PORT[/PROTO]",
                description = "Publish a container port: 8080:80 (as docker run), 80/tcp=8080, or 80 for any free "
                        + "host port.")
        List<String> ports = new ArrayList<>();
        @Option(names = "--cpus", description = "CPU limit, such as 0.5 or 500m.") String cpus;
        @Option(names = {"-m", "--memory"}, description = "Memory limit, such as 512Mi or 1g.") String memory;
        @Option(names = "--name", description = "Container name (default: capstan-IMAGE-RANDOM).") String name;
        @Option(names = {"-c", "--count"}, paramLabel = "N", description = "How many containers (all or none).")
        Integer count;
        @Parameters(index = "0", paramLabel = "IMAGE") String image;
        @Parameters(index = "1..*", paramLabel = "COMMAND") List<String> command = new ArrayList<>();

        Run(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("image", image);
            Map<String, String> vars = new LinkedHashMap<>();
            for (String e : env) {
                int eq = e.indexOf('=');
                if (eq <= 0) {
                    throw new InvalidSpecException("invalid --env '" + e + "': expected KEY=VALUE");
                }
                vars.put(e.substring(0, eq), e.substring(eq + 1));
            }
            body.put("env", vars);
            body.put("ports", PublishedPort.all(ports, "-p"));
            Map<String, Object> resources = new LinkedHashMap<>();
            if (cpus != null) {
                resources.put("cpu_limit", cpus);
            }
            if (memory != null) {
                resources.put("memory_limit", memory);
            }
            body.put("resources", resources);
            if (!command.isEmpty()) {
                body.put("command", command);
            }
            if (name != null) {
                body.put("name", name);
            }
            if (count != null) {
                if (count < 1) {
                    throw new InvalidSpecException("--count " + count + ": expected how many containers to make, "
                            + "a whole number of at least 1");
                }
                body.put("count", count);
            }
            JsonNode created = api.client().send("POST", "/start/container", body);
            if (format.json()) {
                Json.print(cli.out(), created);
            } else if (created.has("container_ids")) {
                created.path("container_ids").forEach(id -> cli.out().println(id.asText()));
            } else {
                cli.out().println(created.path("container_id").asText(created.path("id").asText()));
            }
        }
    }

    @Command(name = "start", description = "Start a managed container (id or name), or every stopped instance of an image.",
            footer = {"", "Example:", "  capstan managed start capstan-busybox:test"})
    static final class Start implements java.util.concurrent.Callable<Integer> {
        private final Cli cli;
        @Mixin Api api;
        @Mixin OutputFormat format;
        @Parameters(paramLabel = "CONTAINER|IMAGE") String ref;

        Start(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            return printResults(cli, api.client().send("POST", target(ref, "start"), null), format.json());
        }
    }

    @Command(name = "stop", description = "Stop a managed container (id or name), or every running instance of an image.",
            footer = {"", "Example:", "  capstan managed stop -t 0 capstan-busybox:test"})
    static final class Stop implements java.util.concurrent.Callable<Integer> {
        private final Cli cli;
        @Mixin Api api;
        @Mixin OutputFormat format;
        @Option(names = {"-t", "--time"}, defaultValue = "10", description = "Seconds before killing (default: ${DEFAULT-VALUE}).")
        int timeout;
        @Parameters(paramLabel = "CONTAINER|IMAGE") String ref;

        Stop(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            return printResults(cli, api.client().send("POST", target(ref, "stop") + "?timeout=" + timeout, null),
                    format.json());
        }
    }

    @Command(name = "rm", description = "Remove managed containers.",
            footer = {"", "Example:", "  capstan managed rm -f capstan-busybox-3fa2c1"})
    static final class Rm implements Runnable {
        private final Cli cli;
        @Mixin Api api;
        @Option(names = {"-f", "--force"}, description = "Remove running containers too.") boolean force;
        @Parameters(paramLabel = "CONTAINER", arity = "1..*") List<String> refs;

        Rm(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            ApiClient client = api.client();
            for (String ref : refs) {
                JsonNode gone = client.send("DELETE", "/containers/" + ApiClient.segment(ref) + "?force=" + force, null);
                cli.out().println(gone.path("name").asText(ref));
            }
        }
    }

    @Command(name = "resources", description = "Change CPU and memory limits of every instance of an image, live.",
            footer = {"", "Example:", "  capstan managed resources capstan-busybox:test --cpus 0.25 --memory 256Mi"})
    static final class Resources implements java.util.concurrent.Callable<Integer> {
        private final Cli cli;
        @Mixin Api api;
        @Mixin OutputFormat format;
        @Option(names = "--cpus") String cpus;
        @Option(names = {"-m", "--memory"}) String memory;
        @Parameters(paramLabel = "IMAGE") String image;

        Resources(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            if (cpus != null) {
                body.put("cpu_limit", cpus);
            }
            if (memory != null) {
                body.put("memory_limit", memory);
            }
            return printResults(cli, api.client().send("PUT", target(image, "resources"), body), format.json());
        }
    }

    @Command(name = "health", description = "Live usage and recorded health of a managed container.",
            footer = {"", "Example:", "  capstan managed health capstan-busybox-3fa2c1"})
    static final class Health implements Runnable {
        private final Cli cli;
        @Mixin Api api;
        @Parameters(paramLabel = "CONTAINER") String ref;

        Health(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            Json.print(cli.out(), api.client().get("/containers/instances/" + ApiClient.segment(ref) + "/health"));
        }
    }

    @Command(name = "desired", description = {"Show, set or delete an image's desired state: the control plane keeps "
            + "that many replicas running, rolls them when it changes, and autoscales them with --target-cpu.",
            "Setting replaces the whole state (what is not given takes its default)."},
            footer = {"", "Examples:",
                    "  capstan managed desired capstan-busybox:test                       # show it",
                    "  capstan managed desired capstan-busybox:test --replicas 2 -- sleep 3600",
                    "  capstan managed desired capstan-busybox:test --min 1 --max 4 --target-cpu 60 -- sleep 3600",
                    "  capstan managed desired capstan-busybox:test --delete              # remove its replicas too"})
    static final class Desired implements Runnable {
        private final Cli cli;
        @Mixin Api api;
        @Option(names = "--min", description = "min_replicas (default 1).") Integer min;
        @Option(names = "--max", description = "max_replicas (default: the larger of min and replicas).") Integer max;
        @Option(names = "--replicas", description = "How many to run now (default: min).") Integer replicas;
        @Option(names = {"-e", "--env"}, paramLabel = "NAME=VALUE") Map<String, String> env;
        @Option(names = {"-p", "--port"}, paramLabel = "[HOST:]PORT[/PROTO]",
                description = "Publish a port: 8080:80, 80/tcp=8080, or 80 for a free one.") List<String> ports;
        @Option(names = "--cpus") String cpus;
        @Option(names = {"-m", "--memory"}) String memory;
        @Option(names = "--target-cpu", paramLabel = "PERCENT", description = "Autoscale to hold this average CPU "
                + "(percent of each replica's CPU limit).") Double targetCpu;
        @Option(names = "--delete", description = "Stop managing the image: its replicas are removed.") boolean delete;
        @Parameters(index = "0", paramLabel = "IMAGE") String image;
        @Parameters(index = "1..*", paramLabel = "COMMAND", description = "What replicas run (default: the image's CMD).")
        List<String> command;

        Desired(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            String path = target(image, "desired");
            if (delete) {
                JsonNode answer = api.client().send("DELETE", path, null);
                cli.out().println(image + ": removed " + Counted.of(answer.path("removed").size(), "replica") + "; no longer managed");
                return;
            }
            boolean setting = min != null || max != null || replicas != null || env != null || ports != null
                    || cpus != null || memory != null || targetCpu != null || command != null;
            if (!setting) {
                Json.print(cli.out(), api.client().get(path));
                return;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            putIfSet(body, "min_replicas", min);
            int wanted = replicas != null ? replicas : min != null ? min : 1;
            putIfSet(body, "max_replicas", max != null ? max : Math.max(wanted, min == null ? 1 : min));
            putIfSet(body, "replicas", replicas);
            putIfSet(body, "env", env);
            if (ports != null) {
                body.put("ports", PublishedPort.all(ports, "-p"));
            }
            Map<String, Object> limits = new LinkedHashMap<>();
            putIfSet(limits, "cpu_limit", cpus);
            putIfSet(limits, "memory_limit", memory);
            if (!limits.isEmpty()) {
                body.put("resources", limits);
            }
            if (targetCpu != null) {
                body.put("autoscale", Map.of("target_cpu_percent", targetCpu));
            }
            putIfSet(body, "command", command);
            JsonNode answer = api.client().send("PUT", path, body);
            cli.out().println(image + ": " + Counted.of(answer.path("replicas").asInt(), "replica") + " (min "
                    + answer.path("min_replicas").asInt() + ", max " + answer.path("max_replicas").asInt() + ")");
        }

        private static void putIfSet(Map<String, Object> body, String key, Object value) {
            if (value != null) {
                body.put(key, value);
            }
        }
    }

    @Command(name = "scale", description = "Set how many replicas of an image run (within its min and max).",
            footer = {"", "Example:", "  capstan managed scale capstan-busybox:test 5"})
    static final class Scale implements Runnable {
        private final Cli cli;
        @Mixin Api api;
        @Parameters(index = "0", paramLabel = "IMAGE") String image;
        @Parameters(index = "1", paramLabel = "REPLICAS") int replicas;

        Scale(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            JsonNode answer = api.client().send("POST", target(image, "scale"), Map.of("replicas", replicas));
            cli.out().println(image + ": " + answer.path("replicas").asInt() + " replicas");
        }
    }
}
