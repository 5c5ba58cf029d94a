package io.capstan.core.resource;

import io.capstan.core.error.InvalidSpecException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResourceQuantitiesTest {

    @ParameterizedTest
    @CsvSource({
            "0.25, 250000000",
            "2.5, 2500000000",
            "2, 2000000000",
            "500m, 500000000",
            "1500m, 1500000000",
            ".5, 500000000",
            "0, 0"})
    void cpuAcceptsCountsAndMillicores(String text, long nanos) {
        assertThat(ResourceQuantities.parseCpu(text)).isEqualTo(nanos);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "-1", "1.5.2", "500mm", "2 cpus", "1e3", "0.5g"})
    void cpuRejectsAnythingElseNamingTheValue(String text) {
        assertThatThrownBy(() -> ResourceQuantities.parseCpu(text))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("invalid CPU value '" + text + "'");
    }

    @ParameterizedTest
    @CsvSource({
            "512m, 536870912",
            "512Mi, 536870912",
            "512M, 536870912",
            "512mb, 536870912",
            "1g, 1073741824",
            "1Gi, 1073741824",
            "1.5g, 1610612736",
            "64k, 65536",
            "1048576, 1048576",
            "100b, 100"})
    void memoryAcceptsDockerAndKubernetesUnits(String text, long bytes) {
        assertThat(ResourceQuantities.parseMemory(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12xyz", "", "g", "-512m", "512 megabytes", "1.2.3g", "0x100"})
    void memoryRejectsAnythingElseNamingTheValue(String text) {
        assertThatThrownBy(() -> ResourceQuantities.parseMemory(text))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("invalid memory value '" + text + "'");
    }

    @ParameterizedTest
    @CsvSource({"536870912, 512MiB", "1610612736, 1.5GiB", "100, 100B", "0, 0B"})
    void formatsBytesInBinaryUnits(long bytes, String text) {
        assertThat(ResourceQuantities.formatBytes(bytes)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"500000000, 0.5", "2000000000, 2", "250000000, 0.25"})
    void formatsCpus(long nanos, String text) {
        assertThat(ResourceQuantities.formatCpu(nanos)).isEqualTo(text);
    }
}
