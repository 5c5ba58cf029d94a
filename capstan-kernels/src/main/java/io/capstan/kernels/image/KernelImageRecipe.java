package io.capstan.kernels.image;

import io.capstan.core.hash.ConfigHash;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import io.capstan.core.label.Labels;

/**
 * What a kernel image is made of: a minimal Debian root filesystem of {@code suite} from {@code mirror} with
 * {@code packages}, and the image settings applied on import. {@link #rootfsDigest()} names the cached root
 * filesystem and {@link #digest()} marks the image, so that a changed recipe builds again and an unchanged one does
 * not (and changed settings alone only import again).
 */
public record KernelImageRecipe(String suite, String mirror, List<String> packages, List<String> settings) {
    public static final String DEFAULT_MIRROR = "http://deb.debian.org/debian";
    /** The label whose value is the recipe's digest. */
    public static final String RECIPE_LABEL = Labels.KERNEL_RECIPE;

    public KernelImageRecipe {
        packages = List.copyOf(packages);
        settings = List.copyOf(settings);
    }

    /** Python with ipykernel; the container's command is replaced by the launcher, so the image's matters little. */
    public static KernelImageRecipe python(String suite, String mirror) {
        return new KernelImageRecipe(suite, mirror, List.of("python3-ipykernel"), List.of(
                "ENV LANG=C.UTF-8",
                "ENV PYDEVD_DISABLE_FILE_VALIDATION=1",
                "WORKDIR /root",
                "CMD [\"python3\", \"-m\", \"ipykernel_launcher\"]"));
    }

    /** Sixteen hex digits of SHA-256 over what goes into the root filesystem. */
    public String rootfsDigest() {
        return sha256(String.join("\n", "suite=" + suite, "mirror=" + mirror, "variant=minbase",
                "packages=" + String.join(",", packages)));
    }

    /** Sixteen hex digits of SHA-256 over everything that goes into the image. */
    public String digest() {
        return sha256(rootfsDigest() + "\nsettings=" + String.join("\n", settings));
    }

    private static String sha256(String canonical) {
        return ConfigHash.of(canonical, 16);
    }

    /** The settings plus the recipe label, as Dockerfile instructions for the import. */
    public List<String> importChanges() {
        List<String> changes = new ArrayList<>(settings);
        changes.add("LABEL " + RECIPE_LABEL + "=" + digest());
        return changes;
    }

    /** mmdebstrap's command line writing the root filesystem as a tarball to {@code tarball}. */
    public List<String> mmdebstrapCommand(Path tarball) {
        return List.of("mmdebstrap", "--variant=minbase", "--include=" + String.join(",", packages), "--quiet",
                suite, tarball.toString(), mirror);
    }

    /** debootstrap's command line writing the root filesystem into the directory {@code target}. */
    public List<String> debootstrapCommand(Path target) {
        return List.of("debootstrap", "--variant=minbase", "--include=" + String.join(",", packages), suite,
                target.toString(), mirror);
    }
}
