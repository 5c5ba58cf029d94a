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

/** Rendered objects as YAML: one file per object, named by kind and name, or all of them as one stream. */
public final class ManifestFiles {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private ManifestFiles() {
    }

    /** {@code deployment-web.yaml}: the file an object is written to. */
    public static String fileName(HasMetadata object) {
        return object.getKind().toLowerCase(Locale.ROOT) + "-" + object.getMetadata().getName() + ".yaml";
    }

    public static String yaml(HasMetadata object) {
        String text = SERIALIZATION.asYaml(object);
        return text.startsWith("---\n") ? text.substring(4) : text;
    }

    /** All objects as one YAML stream, each document started by {@code ---}. */
    public static String stream(List<HasMetadata> objects) {
        StringBuilder out = new StringBuilder();
        objects.forEach(o -> out.append("---\n").append(yaml(o)));
        return out.toString();
    }

    /** Writes each object to its own file in {@code dir} (created if missing); returns the files in order. */
    public static List<Path> write(List<HasMetadata> objects, Path dir) {
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (HasMetadata o : objects) {
                Path file = dir.resolve(fileName(o));
                Files.writeString(file, yaml(o));
                written.add(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the manifests to " + dir, e);
        }
        return written;
    }
}
