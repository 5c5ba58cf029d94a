package io.capstan.tck.fuzz;

import io.capstan.core.resource.Durations;
import io.capstan.core.resource.ResourceQuantities;
import io.capstan.core.spec.Mount;
import io.capstan.core.spec.PortMapping;
import io.capstan.core.error.InvalidSpecException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static io.capstan.tck.fuzz.Fuzz.check;
import static io.capstan.tck.fuzz.UserErrors.resultOrOneLine;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Port, volume, CPU, memory and duration strings: whatever a user writes, a value or one line saying why not. */
class CoreParsersFuzzTest {

    @Test
    void portStrings() {
        check("portStrings", ports(), text -> resultOrOneLine(() -> PortMapping.parse(text)));
    }

    @Test
    void volumeStrings() {
        check("volumeStrings", volumes(), text -> resultOrOneLine(() -> Mount.parse(text)));
    }

    @Test
    void cpuStrings() {
        check("cpuStrings", quantities(), text -> resultOrOneLine(() -> ResourceQuantities.parseCpu(text)));
    }

    @Test
    void memoryStrings() {
        check("memoryStrings", quantities(), text -> resultOrOneLine(() -> ResourceQuantities.parseMemory(text)));
    }

    @Test
    void durationStrings() {
        check("durationStrings", durations(), text -> resultOrOneLine(() -> Durations.parse(text)));
    }

    private static Function<Random, String> ports() {
        return Mutations.of(List.of("80", "8080:80", "127.0.0.1:8080:80", "127.0.0.1::80/udp", "[::1]:53:53/udp",
                "65535:65535/sctp"));
    }

    private static Function<Random, String> volumes() {
        return Mutations.of(List.of("data:/data", "/srv/www:/usr/share/nginx/html:ro", "/cache", "logs:/var/log:rw"));
    }

    private static Function<Random, String> quantities() {
        return Mutations.of(List.of("0.5", "2", "500m", "512m", "1.5Gi", "1024", ".25", "4g", "100MB"));
    }

    private static Function<Random, String> durations() {
        return Mutations.of(List.of("5s", "500ms", "1.5s", "1m30s", "2h", "10us"));
    }

    // What the properties found, kept as regressions.

    @Test
    void aHugeCpuCountIsTooLargeNotAnOverflow() {
        assertThatThrownBy(() -> ResourceQuantities.parseCpu("99999999999999999999999"))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("invalid CPU value '99999999999999999999999': too large");
    }

    @Test
    void aDurationBeyondJavasRangeIsTooLongNotAWrappedNumber() {
        assertThatThrownBy(() -> Durations.parse("9999999999999h"))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("invalid duration '9999999999999h': too long (at most about 292 years)");
    }

    @Test
    void aLineBreakInAValueIsShownEscapedSoTheErrorStaysOneLine() {
        assertThatThrownBy(() -> PortMapping.parse("8\n0:80"))
                .hasMessageStartingWith("invalid port '8\\n0:80': expected");
        assertThatThrownBy(() -> Mount.parse("data:\r\n["))
                .hasMessage("invalid mount target '\\r\\n[': expected an absolute path in the container");
    }

    @Test
    void aHugeValueIsCutInTheMessage() {
        String huge = "9".repeat(100_000) + "x";
        assertThatThrownBy(() -> ResourceQuantities.parseMemory(huge))
                .hasMessageStartingWith("invalid memory value '9999")
                .hasMessageMatching(".{1000}\\.\\.\\. \\(100\\d{3} characters\\)");
    }
}
