package io.capstan.control.workload;

import io.capstan.control.managed.CreateRequest;
import io.capstan.control.managed.ManagedState;
import io.capstan.control.managed.ReplicaSpec;
import io.capstan.control.store.DesiredImage;
import io.capstan.core.label.Labels;
import io.capstan.core.spec.Resources;
import io.capstan.core.workload.UpdatePolicy;
import io.capstan.core.workload.WorkloadPort;
import io.capstan.core.workload.WorkloadResources;
import io.capstan.core.workload.WorkloadSpec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An image's desired state as the workload that runs it: one service per image, named after it, carrying Capstan's
 * ownership labels, the hash of everything but the replica count and the engine's id of the image, so that a changed
 * configuration (or a rebuilt tag) is a rolling update and a changed count only a scale.
 */
public final class ServiceSpecs {
    /** The label holding the engine's id of the image the service was last given. */
    public static final String IMAGE_ID_LABEL = "io.capstan.image-id";

    private ServiceSpecs() {
    }

    /** {@code capstan-<image, made a valid name>-<8 hex digits of its hash>}: one name per image, at most 57 characters. */
    public static String serviceName(String image) {
        String base = image.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (base.startsWith("capstan-")) {
            base = base.substring("capstan-".length());
        }
        if (base.length() > 40) {
            base = base.substring(0, 40).replaceAll("-+$", "");
        }
        return "capstan-" + (base.isEmpty() ? "image" : base) + "-" + digest(image);
    }

    /**
     * The service for {@code d}.
     *
     * @param imageId the engine's id of the image now (null when unknown)
     */
    public static WorkloadSpec of(DesiredImage d, String imageId) {
        CreateRequest template = CreateRequest.of(d);
        Resources limits = template.resources().toResources();
        List<WorkloadPort> ports = ports(template.ports());
        boolean fixedPort = ReplicaSpec.bindsFixedHostPort(template.ports());
        Map<String, String> labels = new LinkedHashMap<>(Labels.owned());
        labels.put(Labels.MANAGED_BY, d.image());
        labels.put(ManagedState.SPEC_LABEL, hash(template, limits));
        if (imageId != null) {
            labels.put(IMAGE_ID_LABEL, imageId);
        }
        boolean ingress = ports.stream().anyMatch(p -> p.mode() == WorkloadPort.Mode.INGRESS);
        return WorkloadSpec.builder(serviceName(d.image()), d.image())
                .command(template.command())
                .env(template.env())
                .ports(ports)
                .resources(new WorkloadResources(limits, Resources.UNLIMITED))
                .replicas(d.replicas())
                // The new replica first, as the engine's reconciler rolls; a fixed host port can only be held by one.
                .update(UpdatePolicy.DEFAULT.withOrder(fixedPort ? UpdatePolicy.Order.STOP_FIRST
                        : UpdatePolicy.Order.START_FIRST))
                .labels(labels)
                // DNS round robin needs no virtual IP (nor the kernel's IPVS); ports through the routing mesh need one.
                .endpointMode(ingress ? WorkloadSpec.EndpointMode.VIP : WorkloadSpec.EndpointMode.DNSRR)
                .build();
    }

    /**
     * {@code "80/tcp": 8080} is published on the node that runs the replica (host mode: one replica per node);
     * {@code "80/tcp": null} on a port Swarm picks, through its routing mesh.
     */
    static List<WorkloadPort> ports(Map<String, Integer> ports) {
        List<WorkloadPort> result = new ArrayList<>();
        ports.forEach((key, host) -> {
            String[] parts = key.split("/", 2);
            int target = Integer.parseInt(parts[0]);
            String protocol = parts.length > 1 ? parts[1] : "tcp";
            result.add(host == null || host == 0
                    ? new WorkloadPort(0, target, protocol, WorkloadPort.Mode.INGRESS)
                    : new WorkloadPort(host, target, protocol, WorkloadPort.Mode.HOST));
        });
        return result;
    }

    private static String hash(CreateRequest template, Resources limits) {
        return digest(ReplicaSpec.hash(template) + "\ncpu " + limits.nanoCpus() + "\nmemory " + limits.memoryBytes());
    }

    /**
     * Whether {@code current} must be rolled to become {@code wanted}: its configuration changed, or the tag now
     * names another image (an image the engine no longer knows rolls nothing).
     */
    public static boolean rolls(Map<String, String> current, WorkloadSpec wanted) {
        String spec = ManagedState.SPEC_LABEL;
        String imageId = wanted.labels().get(IMAGE_ID_LABEL);
        return !java.util.Objects.equals(current.get(spec), wanted.labels().get(spec))
                || imageId != null && !imageId.equals(current.get(IMAGE_ID_LABEL));
    }

    private static String digest(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
