package io.capstan.kernels.image;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class KernelImageRecipeTest {
    private final KernelImageRecipe python = KernelImageRecipe.python("bookworm", KernelImageRecipe.DEFAULT_MIRROR);

    @Test
    void bootstrapsAMinimalDebianWithIpykernel() {
        assertThat(python.mmdebstrapCommand(Path.of("/cache/x.tar"))).containsExactly("mmdebstrap",
                "--variant=minbase", "--include=python3-ipykernel", "--quiet", "bookworm", "/cache/x.tar",
                "http://deb.debian.org/debian");
        assertThat(python.debootstrapCommand(Path.of("/cache/x.d"))).containsExactly("debootstrap",
                "--variant=minbase", "--include=python3-ipykernel", "bookworm", "/cache/x.d",
                "http://deb.debian.org/debian");
    }

    @Test
    void theSameRecipeHasTheSameDigestAndAnotherSuiteAnother() {
        assertThat(python.digest()).hasSize(16)
                .isEqualTo(KernelImageRecipe.python("bookworm", KernelImageRecipe.DEFAULT_MIRROR).digest())
                .isNotEqualTo(KernelImageRecipe.python("trixie", KernelImageRecipe.DEFAULT_MIRROR).digest());
    }

    @Test
    void changedImageSettingsKeepTheCachedRootFilesystem() {
        var other = new KernelImageRecipe(python.suite(), python.mirror(), python.packages(), List.of("CMD [\"sh\"]"));
        assertThat(other.rootfsDigest()).isEqualTo(python.rootfsDigest());
        assertThat(other.digest()).isNotEqualTo(python.digest());
    }

    @Test
    void theImageIsLabelledWithItsRecipe() {
        assertThat(python.importChanges()).contains("CMD [\"python3\", \"-m\", \"ipykernel_launcher\"]")
                .endsWith("LABEL io.capstan.kernel-recipe=" + python.digest());
    }
}
