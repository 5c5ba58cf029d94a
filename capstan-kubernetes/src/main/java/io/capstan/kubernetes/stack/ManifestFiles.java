package io.capstan.kubernetes.stack;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Objects as YAML, and rendered manifests written one file per object, named by kind and name. */
public final class ManifestFiles {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private ManifestFiles() {
    }

    /**
     * Loads the model and serializer classes by writing one small object, so that a caller can do it while it reads
     * the stack (their loading is most of what writing the first manifest costs).
     */
    public static void warmUp() {
        yaml(new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder().withNewMetadata().withName("warm-up")
                .endMetadata().withNewSpec().withNewTemplate().withNewSpec().addNewContainer().withName("warm-up")
                .withNewResources().addToLimits("cpu", new io.fabric8.kubernetes.api.model.Quantity("1")).endResources()
                .endContainer().endSpec().endTemplate().endSpec().build());
    }

    /** {@code deployment-web.yaml}: the file an object is written to. */
    static String fileName(HasMetadata object) {
        return object.getKind().toLowerCase(Locale.ROOT) + "-" + object.getMetadata().getName() + ".yaml";
    }

    static String yaml(HasMetadata object) {
        String text = SERIALIZATION.asYaml(object);
        return text.startsWith("---\n") ? text.substring(4) : text;
    }

    /** Writes each manifest to its own file in {@code dir} (created if missing); returns the files in order. */
    public static List<Path> write(List<RenderedStack.Manifest> manifests, Path dir) {
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (RenderedStack.Manifest m : manifests) {
                Path file = dir.resolve(m.file());
                Files.writeString(file, m.yaml());
                written.add(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the manifests to " + dir, e);
        }
        return written;
    }
}
