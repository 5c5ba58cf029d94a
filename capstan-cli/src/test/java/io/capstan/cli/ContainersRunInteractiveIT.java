package io.capstan.cli;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.model.ContainerSummary;
import io.capstan.docker.EngineLocator;
import io.capstan.tck.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code capstan containers run -i/-t} against the real engine, with piped input as a script would give it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainersRunInteractiveIT {
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final CliRunner cli = CliRunner.withEnvironmentEngine();
    private final List<String> containers = new ArrayList<>();
    private ContainerEngine engine;

    @BeforeAll
    void connect() {
        engine = EngineLocator.fromEnvironment().locate(null);
    }

    @AfterAll
    void cleanUp() {
        containers.forEach(c -> {
            try {
                engine.containers().remove(c, true, true);
            } catch (RuntimeException alreadyGone) {
                // removed by the test, as it should be
            }
        });
        engine.close();
    }

    private String name(String role) {
        String name = "runit19-" + run + "-" + role;
        containers.add(name);
        return name;
    }

    private List<String> existing(String name) {
        return engine.containers().list(ContainerFilter.allWithLabels(Map.of())).stream()
                .map(ContainerSummary::name).filter(name::equals).toList();
    }

    @Test
    void pipedInputReachesTheContainerToItsEndAndRmLeavesNothing() {
        String cat = name("cat");
        var result = cli.runWithInput("one\ntwo\n", "containers", "run", "-i", "--rm", "--name", cat,
                TestImages.BUSYBOX, "sh", "-c", "tr a-z A-Z; echo end");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("ONE\nTWO\nend\n");
        assertThat(existing(cat)).as("--rm removed it").isEmpty();
    }

    @Test
    void theContainersExitCodeAndErrorOutputArePassedOn() {
        String failing = name("fail");
        var result = cli.runWithInput("", "containers", "run", "-i", "--name", failing, TestImages.BUSYBOX,
                "sh", "-c", "echo out; echo oops >&2; exit 7");
        assertThat(result.exitCode()).isEqualTo(7);
        assertThat(result.out()).isEqualTo("out\n");
        assertThat(result.err()).isEqualTo("oops\n");
        assertThat(existing(failing)).as("without --rm it stays").containsExactly(failing);
    }

    @Test
    void withATerminalTheContainerSeesOne() {
        String tty = name("tty");
        var result = cli.run("containers", "run", "-t", "--rm", "--name", tty, TestImages.BUSYBOX,
                "sh", "-c", "test -t 0 && test -t 1 && echo terminal");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).as("a terminal ends lines with CR LF").isEqualTo("terminal\r\n");
        assertThat(existing(tty)).isEmpty();
    }

    @Test
    void interactiveTerminalWithoutOneIsRefusedBeforeAnythingIsCreated() {
        String refused = name("notty");
        var result = cli.runWithInput("echo hi\n", "containers", "run", "-it", "--name", refused, TestImages.BUSYBOX, "sh");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("the input device is not a TTY");
        assertThat(existing(refused)).isEmpty();
    }

    @Test
    void interactiveExcludesDetach() {
        var result = cli.run("containers", "run", "-i", "-d", TestImages.BUSYBOX, "cat");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("-i and --detach exclude each other");
    }
}
