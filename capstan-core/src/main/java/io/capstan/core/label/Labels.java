package io.capstan.core.label;

import java.util.Map;

/**
 * Every label key Capstan writes or reads, named once. Labels are the source of truth for ownership: Capstan adopts
 * and acts only on objects that carry them. Modules may give a key a local name, but only as an alias of one here.
 */
public final class Labels {
    // ---- ownership, on everything Capstan creates ----------------------------------------------------------------
    /** Present (value {@code true}) on everything Capstan creates. */
    public static final String OWNER = "io.capstan.owner";

    // ---- stacks ----------------------------------------------------------------------------------------------------
    public static final String STACK = "io.capstan.stack";
    public static final String SERVICE = "io.capstan.service";
    public static final String REPLICA = "io.capstan.replica";
    /** One hash of a container's whole configuration. */
    public static final String CONFIG_HASH = "io.capstan.config-hash";
    /** Short hashes of each part of a container's configuration, so that a plan can say which part changed. */
    public static final String CONFIG_KEYS = "io.capstan.config-keys";
    /** The stack config file (absolute, symbolic links resolved) whose {@code up} made a container. */
    public static final String STACK_CONFIG_FILE = "io.capstan.stack.config-file";
    /**
     * On images a stack's {@code build:} made. Containers inherit their image's labels, so these are not the
     * ownership labels: a container someone else starts from the image is not the stack's.
     */
    public static final String IMAGE_STACK = "io.capstan.image.stack";
    public static final String IMAGE_SERVICE = "io.capstan.image.service";

    // ---- Docker Compose's own, written beside Capstan's so that Compose's tools see a stack --------------------------
    public static final String COMPOSE_PROJECT = "com.docker.compose.project";
    public static final String COMPOSE_SERVICE = "com.docker.compose.service";

    // ---- stacks on Swarm, as docker stack deploy labels them ----------------------------------------------------
    public static final String SWARM_STACK_NAMESPACE = "com.docker.stack.namespace";
    public static final String SWARM_STACK_IMAGE = "com.docker.stack.image";
    /** Set by the engine on a Swarm task's container: the service it belongs to. */
    public static final String SWARM_SERVICE_NAME = "com.docker.swarm.service.name";
    /** A hash of the service spec Capstan last deployed, to tell an unchanged service from a changed one. */
    public static final String SWARM_SPEC_HASH = "io.capstan.swarm.spec-hash";

    // ---- stacks on Kubernetes, the recommended labels beside Capstan's ----------------------------------------------
    public static final String KUBERNETES_PART_OF = "app.kubernetes.io/part-of";
    public static final String KUBERNETES_NAME = "app.kubernetes.io/name";
    public static final String KUBERNETES_MANAGED_BY = "app.kubernetes.io/managed-by";

    // ---- workloads on one engine (EngineTarget): a record container holds the workload, replicas carry its name --
    /** The workload a container belongs to, on its record and on each replica. */
    public static final String WORKLOAD = "io.capstan.workload";
    /** {@code record} on the never-started container that holds a workload's spec; {@code replica} on its replicas. */
    public static final String WORKLOAD_ROLE = "io.capstan.workload.role";
    /** The workload's id, kept from its creation on. */
    public static final String WORKLOAD_ID = "io.capstan.workload.id";
    /** On a replica: its slot, 1 to the number of replicas. */
    public static final String WORKLOAD_SLOT = "io.capstan.workload.slot";
    /** A {@link io.capstan.core.hash.ConfigHash} of what a replica runs, to tell replicas an update must replace. */
    public static final String WORKLOAD_SPEC_HASH = "io.capstan.workload.spec-hash";
    /** On a record: the workload's spec as compact JSON. */
    public static final String WORKLOAD_SPEC = "io.capstan.workload.spec";
    /** On a record: the spec before the last update, as compact JSON, for a rollback (absent before any update). */
    public static final String WORKLOAD_PREVIOUS_SPEC = "io.capstan.workload.previous-spec";
    /** On a record: counts up with every change; the highest record is the workload's. */
    public static final String WORKLOAD_GENERATION = "io.capstan.workload.generation";
    /** On a record: {@code update} or {@code rollback}, what made its spec (absent before any update). */
    public static final String WORKLOAD_CHANGE = "io.capstan.workload.change";
    /** On a record: when the workload was created (ISO-8601). */
    public static final String WORKLOAD_CREATED = "io.capstan.workload.created";

    // ---- the control plane ------------------------------------------------------------------------------------------
    /**
     * The control plane's label for managed containers on Docker and Swarm; the value is the image, as the seed system
     * writes it. Not a valid Kubernetes label value: every target identifies by {@link ImageIdentity} instead.
     */
    public static final String MANAGED_BY = "managed-by";
    /** A short hash of a managed container's image, valid as a label value on every target ({@link ImageIdentity}). */
    public static final String MANAGED_IMAGE_HASH = "io.capstan.managed-image-hash";
    /** A managed container's full image, beside its hash (an annotation where labels cannot hold it). */
    public static final String MANAGED_IMAGE = "io.capstan.managed-image";
    /** A hash of a managed container's configuration, to tell a replica that is out of date. */
    public static final String MANAGED_SPEC = "io.capstan.spec";

    // ---- kernels, as the seed's launcher labels them, plus Capstan's ----------------------------------------------
    public static final String KERNEL_ID = "kernel_id";
    /** {@code kernel} on a kernel's container. */
    public static final String COMPONENT = "component";
    /**
     * The application: {@code capstan} on a kernel's container; on Kubernetes objects of the orchestration API, the
     * Deployment's or Pod's name, which Services select by.
     */
    public static final String APP = "app";
    /** The KERNEL_USERNAME that launched a kernel, for {@code capstan kernel ls}. */
    public static final String KERNEL_USER = "io.capstan.kernel-user";
    /** On a kernel image: a hash of the recipe it was built from. */
    public static final String KERNEL_RECIPE = "io.capstan.kernel-recipe";

    // ---- tests and benchmarks -------------------------------------------------------------------------------------
    /** On everything the contract suites create: the run's id, so that a run removes exactly its own. */
    public static final String TEST = "io.capstan.test";
    public static final String TEST_ROLE = "io.capstan.test.role";
    public static final String BENCH = "io.capstan.bench";

    private Labels() {
    }

    /** The labels that mark an object as Capstan's. */
    public static Map<String, String> owned() {
        return Map.of(OWNER, "true");
    }

    public static boolean isOwned(Map<String, String> labels) {
        return labels != null && "true".equals(labels.get(OWNER));
    }
}
