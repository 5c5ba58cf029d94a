package io.capstan.tck;

import io.capstan.core.engine.RootfsImport;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.model.ImageInfo;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@link RootfsImport} capability: images made from a root filesystem tarball, tagged and removed. */
public abstract class RootfsImportContract extends EngineContractSupport {
    @Test
    void importTagAndRemoveImages() throws Exception {
        String imported = "capstan-tck-import-" + run + ":v1";
        imagesToRemove.add(imported);
        ImageInfo image = engine.require(RootfsImport.class, "import a root filesystem").importRootfs(
                new ByteArrayInputStream(tarWith("etc/motd", "imported\n")), imported, List.of("CMD [\"/bin/true\"]"));
        assertThat(image.repository()).isEqualTo("capstan-tck-import-" + run);
        assertThat(image.tag()).isEqualTo("v1");
        assertThat(image.size()).isPositive();

        String alias = "capstan-tck-alias-" + run + ":latest";
        imagesToRemove.add(alias);
        engine.images().tag(imported, alias);
        assertThat(engine.images().list()).filteredOn(i -> i.id().equals(image.id()))
                .extracting(ImageInfo::reference).contains(imported, alias);

        engine.images().remove(alias, false);
        assertThat(engine.images().list()).extracting(ImageInfo::reference).doesNotContain(alias).contains(imported);
        engine.images().remove(imported, false);
        assertThatThrownBy(() -> engine.images().inspect(imported)).isInstanceOf(NotFoundException.class);
    }
}
