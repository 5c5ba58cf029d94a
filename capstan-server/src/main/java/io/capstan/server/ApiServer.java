package io.capstan.server;

import io.capstan.control.ControlPlane;
import io.capstan.control.managed.InvalidRequestException;
import io.capstan.core.error.CapstanException;
import io.capstan.core.error.ConfigException;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.text.OneLine;
import io.capstan.server.observe.ControlPlaneMetrics;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import org.eclipse.jetty.http.UriCompliance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The control plane's REST API: the seed system's routes and shapes, bearer tokens on everything that changes state,
 * and {@code /openapi.json} written from the same route table.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final String DESIRED_BODY = "{min_replicas?: 1, max_replicas?: N, replicas?: N, env?: {K: V}, "
            + "ports?: {\"80/tcp\": null}, resources?: {cpu_limit, memory_limit}, command?: [..], "
            + "autoscale?: {target_cpu_percent, scale_up_window_seconds?: 0, scale_down_window_seconds?: 300}}";
    private static final String START_BODY = "StartBody: {image, image_url?, env?: {K: V}, "
            + "ports?: [{container: 80, host: 8080|0}] or {\"80/tcp\": 8080|null}, "
            + "resources?: {cpu: \"0.5\", memory: \"512m\", disk?} or {cpu_limit, memory_limit}, count?: N, "
            + "min_replicas?: N, max_replicas?: N, command?: [..], name?}; no ports publishes every EXPOSEd port on a "
            + "free host port; for /containers/{image}/start the path's image runs";
    private static final String STOP_BODY = "optional: {instanceId: <container id or name>}";
    private static final String RESOURCES_BODY = "{cpu_limit?: \"0.5\", memory_limit?: \"512Mi\", disk_limit?}";
    private static final long MIN_REQUEST_BYTES_PER_SECOND = 1024;
    private static final String IMAGE_QUERY = "the image, for names awkward in a path (alternative to the path segment)";

    private final Javalin app;
    private final List<Route> routes;
    private final ServerOptions options;
    private final byte[] openApi;
    private final ControlPlaneMetrics metrics;
    private final EventStream stream;
    private final WorkloadChanges workloadChanges;

    private ApiServer(ControlPlane plane, Tokens tokens, ServerOptions options, String version) {
        if (options.noAuth() && !ServerOptions.loopback(options.bind())) {
            throw new ConfigException("--no-auth serves without tokens, so only on a loopback address (such as "
                    + "127.0.0.1), not on '" + options.bind() + "'");
        }
        Exposure.check(options.bind(), options.authReads() || options.noAuth(), options.publicReads());
        this.options = options;
        this.metrics = new ControlPlaneMetrics(plane);
        this.stream = new EventStream(plane);
        List<Route> all = new java.util.ArrayList<>(routes(new ContainerApi(plane), new DesiredApi(plane),
                new SystemApi(plane, version), new RegistryApi(plane), new LogsApi(plane), new EventsApi(plane), tokens));
        all.addAll(List.of(MetricsApi.route(metrics), stream.route(), SessionApi.route(tokens, options.noAuth())));
        StacksApi stacks = new StacksApi(plane.engine());
        KernelsApi kernels = new KernelsApi(plane.engine());
        this.workloadChanges = new WorkloadChanges(plane.engine(), change -> {
            if (change.kind().equals("stacks")) {
                stacks.changed();
            } else {
                kernels.changed();
            }
            stream.publish(change);
        });
        all.addAll(List.of(stacks.route(), kernels.route(),
                new AutoscaleDecisionsApi(plane.store()).route(), new LogStream(plane).route()));
        all.addAll(new DashboardAssets().routes());
        this.routes = List.copyOf(all);
        this.openApi = ApiJson.bytes(OpenApi.document(routes, version));
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.concurrency.useVirtualThreads = true;
            config.http.defaultContentType = "application/json";
            config.http.maxRequestSize = ServerOptions.MAX_BODY_BYTES;
            config.jetty.modifyServer(server -> server.addEventListener(new IdleTimeout(options.idleTimeout())));
            config.jetty.host = options.bind();
            config.jetty.port = options.port();
            // Image names hold '/', and clients URL-encode it (%2F) in path segments: let Jetty pass those through.
            config.jetty.modifyHttpConfiguration(http -> {
                http.setUriCompliance(UriCompliance.LEGACY);
                // a body trickled slower than this is cut off (the idle timeout alone is reset by every byte)
                http.setMinRequestDataRate(MIN_REQUEST_BYTES_PER_SECOND);
            });
            config.jetty.modifyServletContextHandler(handler -> handler.getServletHandler().setDecodeAmbiguousURIs(true));
            if (ServerOptions.loopback(options.bind())) {
                LoopbackHosts hosts = new LoopbackHosts(options.bind());
                config.routes.before(ctx -> {
                    if (!hosts.allows(ctx.header("Host"))) {
                        Responses.json(ctx, 421, ApiErrors.body(421, "Host '" + OneLine.of(ctx.header("Host"))
                                + "' is not this server: on a loopback address it answers only localhost, 127.0.0.1, "
                                + "[::1] or " + options.bind() + " (a page elsewhere must not reach it by DNS rebinding)"));
                        ctx.skipRemainingHandlers();
                    }
                });
            }
            // The port is bound before the control plane acts (a server that cannot listen must not reconcile):
            // until it runs, every request is told to come back.
            config.routes.before(ctx -> {
                if (!plane.running()) {
                    ctx.header("Retry-After", "1");
                    Responses.json(ctx, 503, ApiErrors.body(503, "the control plane is starting: try again in a moment"));
                    ctx.skipRemainingHandlers();
                }
            });
            config.routes.before(ctx -> {
                if (options.noAuth()) {
                    Caller.admin(ctx, true); // anyone here may change state anyway
                } else if (!DashboardAssets.serves(ctx.path())) {
                    authorize(ctx, tokens, ReadAccess.needsToken(ctx.path(), options));
                }
            });
            config.requestLogger.http((ctx, ms) -> metrics.request(ctx.method().name(), RouteTemplate.of(ctx, router()),
                    ctx.statusCode(), java.time.Duration.ofNanos((long) (ms * 1_000_000))));
            for (Route route : routes) {
                config.routes.addEndpoint(new io.javalin.router.Endpoint(route.method(), route.path(), route.handler(),
                        java.util.Set.of()));
            }
            config.routes.exception(CapstanException.class, (e, ctx) -> failed(ctx, e));
            config.routes.exception(InvalidRequestException.class,
                    (e, ctx) -> Responses.json(ctx, ApiErrors.UNPROCESSABLE, ApiErrors.invalid(e)));
            config.routes.exception(Exception.class, (e, ctx) -> {
                // the log has what went wrong; the client only that it failed, and the id to find it in the log
                String request = ApiErrors.requestId();
                LOG.error("{} {} failed (request {})", ctx.method(), ctx.path(), request, e);
                ctx.header("X-Request-Id", request);
                Responses.json(ctx, 500, ApiErrors.internal(request));
            });
            config.routes.exception(io.javalin.http.HttpResponseException.class, (e, ctx) ->
                    Responses.json(ctx, e.getStatus(), ApiErrors.body(e.getStatus(), switch (e.getStatus()) {
                        case 404 -> "no route " + ctx.method() + " " + ctx.path() + ": see /openapi.json";
                        case 413 -> "the request body is over the " + ServerOptions.MAX_BODY_BYTES + "-byte (1 MiB) "
                                + "limit";
                        default -> e.getMessage();
                    })));
        });
    }

    /**
     * Starts listening; the port is known once this returns. A control plane that does not run yet is answered 503
     * until it does.
     */
    public static ApiServer start(ControlPlane plane, Tokens tokens, ServerOptions options, String version) {
        ApiServer server = new ApiServer(plane, tokens, options, version);
        try {
            server.app.start();
        } catch (RuntimeException cannotListen) {
            server.close(); // its engine watch would otherwise outlive it
            throw cannotListen;
        }
        return server;
    }

    public int port() {
        return app.port();
    }

    /** The address and port actually listened on: {@code 0.0.0.0:8000}, or the port chosen for {@code --port 0}. */
    public String boundAddress() {
        String host = options.bind().contains(":") ? "[" + options.bind() + "]" : options.bind();
        return host + ":" + port();
    }

    public URI url() {
        String host = options.bind().contains(":") ? "[" + options.bind() + "]" : options.bind();
        return URI.create("http://" + ("0.0.0.0".equals(host) ? "127.0.0.1" : host) + ":" + port());
    }

    private io.javalin.router.InternalRouter router() {
        return app.unsafe.internalRouter;
    }

    /** The routes {@code /openapi.json} documents (it documents itself too). */
    public List<Route> routes() {
        return routes;
    }

    /** Every (method, path) Javalin serves, as registered: for checking the documentation against. */
    public List<String> servedEndpoints() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(e -> e.endpoint.method.name() + " " + e.endpoint.path)
                .filter(e -> !e.startsWith("BEFORE") && !e.startsWith("AFTER"))
                .toList();
    }

    private List<Route> routes(ContainerApi containers, DesiredApi desired, SystemApi system, RegistryApi registry,
                               LogsApi logs, EventsApi events, Tokens tokens) {
        Map<Integer, String> multi = Map.of(200, "every container did it: {<started|stopped|updated>, ok, target, "
                        + "results: [...], desired_replicas?}",
                207, "some did, some failed: each result says which and why",
                404, "no such managed container or image", 409, "all failed on a conflict");
        Map<Integer, String> start = new java.util.HashMap<>(multi);
        start.put(200, "{started: [ids], ok, target, results: [...], desired_replicas?}");
        start.put(422, "a field of the StartBody is wrong (detail: [{loc, msg, type}])");
        Map<Integer, String> stop = new java.util.HashMap<>(multi);
        stop.put(200, "{stopped: true, ok, target, results: [...], desired_replicas?}");
        return List.of(
                new Route(HandlerType.GET, "/health", "Liveness: whether the engine and the database answer",
                        system::health, Map.of(), null, Map.of(200, "{status: OK|DEGRADED, engine, database}",
                        503, "{status: ERROR}: engine lost")),
                new Route(HandlerType.GET, "/health/detailed", "Engine, database, event queue and managed counts",
                        system::detailed, Map.of(), null, Map.of(200, "{status: OK|DEGRADED, timestamp, components: "
                                + "{docker, postgresql, container_manager, system_resources}, ...}",
                                503, "never: an engine that is lost is status ERROR, still 200")),
                new Route(HandlerType.GET, "/test/integration", "Tries the engine, the listing, the database, the "
                        + "host's figures and health sampling once each", system::integration, Map.of(), null,
                        Map.of(200, "{timestamp, tests: {docker_connection, container_listing, postgresql, "
                                + "system_resources, health_monitoring}: {status: PASS|FAIL|WARNING, message}, "
                                + "overall_status: PASSED|FAILED|ERROR}")),
                new Route(HandlerType.GET, "/system/resources", "Host CPU, memory and disk, and the managed containers' use",
                        system::resources, Map.of(), null, Map.of(200, "{system: {cpu, memory, disk}, docker: {...}, "
                                + "cpu, memory, disk, containers}")),
                new Route(HandlerType.GET, "/images", "The desired images, with their instances; and the engine's images",
                        system::images, Map.of(), null, Map.of(200, "{images: [{image, min_replicas, max_replicas, "
                                + "resources, env, ports, current_running, total_instances, ...}], engine_images: [...]}")),
                new Route(HandlerType.POST, "/start/container", "Create and start managed containers (count, else "
                        + "min_replicas, else one): all or none", containers::create, Map.of(), START_BODY,
                        Map.of(200, "{ok, action: created, image, container_id, name, status, ports, "
                                        + "desired_state_saved, container_ids, containers, ...}",
                                422, "a field is wrong (detail: [{loc, msg, type}])",
                                404, "no such image", 409, "port or name in use, or beyond max_replicas")),
                new Route(HandlerType.GET, "/containers", "Managed containers, oldest first",
                        containers::list, Map.of("image", "only this image's"), null,
                        Map.of(200, "{containers: [{id, name, image, status, ports, created_at, resources, ...}], total}")),
                new Route(HandlerType.GET, "/containers/instances", "Instances of the image given as ?image=",
                        containers::instances, Map.of("image", "the image"), null,
                        Map.of(200, "{instances: [...]}", 422, "no image given")),
                new Route(HandlerType.POST, "/containers/start", "As POST /containers/{image}/start, for ?image=",
                        containers::start, Map.of("image", "the image, or a container id or name"), START_BODY, start),
                new Route(HandlerType.POST, "/containers/stop", "As POST /containers/{image}/stop, for ?image=",
                        containers::stop, Map.of("image", "the image, or a container id or name",
                        "timeout", "seconds before killing (default 10)"), STOP_BODY, stop),
                new Route(HandlerType.PUT, "/containers/resources", "As PUT /containers/{image}/resources, for ?image=",
                        containers::resources, Map.of("image", "the image"), RESOURCES_BODY, multi),
                new Route(HandlerType.GET, "/containers/instances/{id}/health",
                        "Live usage, health class and recorded history of one managed container", containers::health,
                        Map.of("history", "recorded samples to include: the newest N (default 20), or a window: 30m, 6h, 7d"), null,
                        Map.of(200, "{cpu_usage, memory_usage, disk_usage, status: healthy|warning|critical|stopped, "
                                + "errors?, history, ...}", 404, "{detail: \"Instance '<id>' not found\"}")),
                new Route(HandlerType.GET, "/containers/{id}/logs", "A managed container's output (stdout and "
                        + "stderr as they came), as text; with follow, streamed until it stops or the client goes",
                        logs::logs, Map.of("tail", "only the last N lines (default: all)",
                        "follow", "true to keep streaming new lines", "timestamps", "true to prefix each line with "
                                + "its time"), null,
                        Map.of(200, OpenApi.TEXT + "one line per line the container wrote",
                                404, "not a managed container", 422, "tail, follow or timestamps is wrong")),
                new Route(HandlerType.GET, "/events", "Recorded lifecycle events and the control plane's decisions, "
                        + "oldest first: the newest 'limit', or those after the id 'after' (for following)",
                        events::list, Map.of("image", "only this image's", "limit", "at most this many (default 100)",
                        "after", "only events recorded after the one with this id"), null,
                        Map.of(200, "{events: [{id, ts, event, image, container_id, name, status, ports, host}], "
                                + "total, last_id}", 422, "limit or after is not a number")),
                new Route(HandlerType.GET, "/containers/<image>/instances", "Instances of one image",
                        containers::instances, Map.of("image", IMAGE_QUERY), null,
                        Map.of(200, "{instances: [{id, status: running|stopped, endpoint, resources, ...}]}")),
                new Route(HandlerType.POST, "/containers/<image>/start",
                        "Start one managed container (by id or name); for an image, the containers a StartBody asks "
                                + "for (all or none), or without a body every stopped instance (an image with none "
                                + "gets one, from its desired state). Starting a replica a request had stopped raises "
                                + "the image's desired count again, within max_replicas",
                        containers::start, Map.of("image", IMAGE_QUERY), START_BODY, start),
                new Route(HandlerType.POST, "/containers/<image>/stop",
                        "Stop the managed container the body's instanceId names, or the one the path names, or every "
                                + "running instance of the path's image. A stopped replica of a desired image stays "
                                + "stopped: the image's desired count goes down by one",
                        containers::stop, Map.of("image", IMAGE_QUERY, "timeout", "seconds before killing (default 10)"),
                        STOP_BODY, stop),
                new Route(HandlerType.PUT, "/containers/<image>/resources",
                        "Change CPU and memory limits of every instance of an image, live", containers::resources,
                        Map.of("image", IMAGE_QUERY), RESOURCES_BODY, multi),
                new Route(HandlerType.GET, "/desired", "Every image's desired state",
                        desired::list, Map.of(), null, Map.of(200, "list of desired states")),
                new Route(HandlerType.GET, "/containers/<image>/desired",
                        "An image's desired state, with how many replicas run and how many crash-loop",
                        desired::get, Map.of("image", IMAGE_QUERY), null,
                        Map.of(200, "the desired state", 404, "none for this image")),
                new Route(HandlerType.PUT, "/containers/<image>/desired",
                        "Set an image's desired state; the reconciler creates, removes, restarts and rolls replicas "
                                + "to match", desired::put, Map.of("image", IMAGE_QUERY), DESIRED_BODY,
                        Map.of(201, "created", 200, "replaced", 422, "a field is wrong, the image is unknown, or the "
                                + "host cannot give the resources")),
                new Route(HandlerType.POST, "/containers/<image>/scale", "Set the replica count (and optionally the range)",
                        desired::scale, Map.of("image", IMAGE_QUERY),
                        "{replicas: N, min_replicas?: N, max_replicas?: N}",
                        Map.of(200, "the new desired state", 422, "outside min..max or negative",
                                404, "no desired state for the image")),
                new Route(HandlerType.DELETE, "/containers/<image>/desired",
                        "Stop managing an image: its replicas are removed, then its desired state",
                        desired::delete, Map.of("image", IMAGE_QUERY), null,
                        Map.of(200, "{ok, image, removed: [ids]}", 404, "no desired state for the image")),
                new Route(HandlerType.DELETE, "/containers/{id}", "Remove a managed container; a replica of a desired "
                        + "image lowers its desired count", containers::delete,
                        Map.of("force", "true to remove a running container"), null,
                        Map.of(200, "{deleted: true, container_id, name, desired_replicas?, ...}",
                                404, "not a managed container", 409, "running: stop it or force")),
                new Route(HandlerType.POST, "/registry/endpoints", "Register an endpoint, or replace the one with its id",
                        registry::upsert, Map.of(), "{id, image_id, host, port: 1..65535, caps?: {cpu?, mem?}}",
                        Map.of(200, "{id, image_id, host, port, caps, status: UP, last_heartbeat}",
                                422, "a field is wrong")),
                new Route(HandlerType.GET, "/registry/endpoints", "Every registered endpoint",
                        registry::list, Map.of(), null, Map.of(200, "{endpoints: [...]}")),
                new Route(HandlerType.DELETE, "/registry/endpoints/{endpoint_id}", "Remove an endpoint",
                        registry::delete, Map.of(), null,
                        Map.of(200, "{ok: true}", 404, "{detail: \"Endpoint '<id>' not found\"}")),
                new Route(HandlerType.PUT, "/registry/endpoints/{endpoint_id}/status", "Mark an endpoint UP or DOWN",
                        registry::status, Map.of("status", "UP or DOWN"), null,
                        Map.of(200, "the endpoint with its new status and heartbeat", 422, "status is not UP or DOWN",
                                404, "no such endpoint")),
                new Route(HandlerType.POST, "/tokens", "Make a read-only token (shown once)",
                        ctx -> Responses.json(ctx, 201, Map.of("ok", true, "token", tokens.createReadOnly(),
                                "read_only", true)), Map.of(), null, Map.of(201, "the new token")),
                new Route(HandlerType.GET, "/openapi.json", "This document",
                        ctx -> ctx.contentType("application/json").result(openApi), Map.of(), null,
                        Map.of(200, "OpenAPI 3.1")));
    }

    private static void authorize(Context ctx, Tokens tokens, boolean authReads) {
        boolean mutating = Route.mutating(ctx.method());
        String header = ctx.header("Authorization");
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7) : null;
        var role = tokens.check(token);
        Caller.admin(ctx, role.equals(java.util.Optional.of(Tokens.Role.ADMIN)));
        if (!mutating && !authReads) {
            return; // an anonymous read: secret values are masked
        }
        if (role.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer");
            Responses.json(ctx, 401, ApiErrors.body(401, token == null
                    ? "this request needs 'Authorization: Bearer <token>': the admin token (the server says where it "
                            + "is when it starts), or for reads a read-only one"
                    : "unknown token"));
            ctx.skipRemainingHandlers();
        } else if (mutating && role.get() != Tokens.Role.ADMIN) {
            Responses.json(ctx, 403, ApiErrors.body(403, "a read-only token cannot change state"));
            ctx.skipRemainingHandlers();
        }
    }

    private static void failed(Context ctx, CapstanException e) {
        int status = ApiErrors.status(e);
        if (e instanceof NotFoundException n) {
            Responses.json(ctx, status, ApiErrors.notFound(n.reference(), e.getMessage()));
        } else {
            Responses.json(ctx, status, ApiErrors.body(status, e.getMessage()));
        }
    }

    @Override
    public void close() {
        workloadChanges.close();
        stream.close();
        app.stop();
    }
}
