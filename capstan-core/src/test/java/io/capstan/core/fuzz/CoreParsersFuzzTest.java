package io.capstan.core.fuzz;

import io.capstan.core.resource.Durations;
import io.capstan.core.resource.ResourceQuantities;
import io.capstan.core.spec.Mount;
import io.capstan.core.spec.PortMapping;
import io.capstan.core.error.InvalidSpecException;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static io.capstan.core.fuzz.UserErrors.resultOrOneLine;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Port, volume, CPU, memory and duration strings: whatever a user writes, a value or one line saying why not. */
class CoreParsersFuzzTest {

    @Property
    void portStrings(@ForAll("ports") String text) {
        resultOrOneLine(() -> PortMapping.parse(text));
    }

    @Property
    void volumeStrings(@ForAll("volumes") String text) {
        resultOrOneLine(() -> Mount.parse(text));
    }

    @Property
    void cpuStrings(@ForAll("quantities") String text) {
        resultOrOneLine(() -> ResourceQuantities.parseCpu(text));
    }

    @Property
    void memoryStrings(@ForAll("quantities") String text) {
        resultOrOneLine(() -> ResourceQuantities.parseMemory(text));
    }

    @Property
    void durationStrings(@ForAll("durations") String text) {
        resultOrOneLine(() -> Durations.parse(text));
    }

    @Provide
    Arbitrary<String> ports() {
        return Mutations.of(List.of("80", "8080:80", "127.0.0.1:8080:80", "127.0.0.1::80/udp", "[::1]:53:53/udp",
                "65535:65535/sctp"));
    }

    @Provide
    Arbitrary<String> volumes() {
        return Mutations.of(List.of("data:/data", "/srv/www:/usr/share/nginx/html:ro", "/cache", "logs:/var/log:rw"));
    }

    @Provide
    Arbitrary<String> quantities() {
        return Mutations.of(List.of("0.5", "2", "500m", "512m", "1.5Gi", "1024", ".25", "4g", "100MB"));
    }

    @Provide
    Arbitrary<String> durations() {
        return Mutations.of(List.of("5s", "500ms", "1.5s", "1m30s", "2h", "10us"));
    }

    // What the properties found, kept as regressions.

    @Example
    void aHugeCpuCountIsTooLargeNotAnOverflow() {
        assertThatThrownBy(() -> ResourceQuantities.parseCpu("99999999999999999999999"))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("invalid CPU value '99999999999999999999999': too large");
    }

    @Example
    void aDurationBeyondJavasRangeIsTooLongNotAWrappedNumber() {
        assertThatThrownBy(() -> Durations.parse("9999999999999h"))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("invalid duration '9999999999999h': too long (at most about 292 years)");
    }

    @Example
    void aLineBreakInAValueIsShownEscapedSoTheErrorStaysOneLine() {
        assertThatThrownBy(() -> PortMapping.parse("8\n0:80"))
                .hasMessageStartingWith("invalid port '8\\n0:80': expected");
        assertThatThrownBy(() -> Mount.parse("data:\r\n["))
                .hasMessage("invalid mount target '\\r\\n[': expected an absolute path in the container");
    }

    @Example
    void aHugeValueIsCutInTheMessage() {
        String huge = "9".repeat(100_000) + "x";
        assertThatThrownBy(() -> ResourceQuantities.parseMemory(huge))
                .hasMessageStartingWith("invalid memory value '9999")
                .hasMessageMatching(".{1000}\\.\\.\\. \\(100\\d{3} characters\\)");
    }
}
