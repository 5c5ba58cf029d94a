package io.capstan.stack.run;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.LogOptions;
import io.capstan.core.error.CapstanException;
import io.capstan.core.error.EngineException;
import io.capstan.core.spec.RestartPolicy;
import io.capstan.stack.compose.ComposeProject;
import io.capstan.stack.compose.ComposeProject.Condition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A container whose process fails right away (a wrong command, a missing file) is a failure of its service, unless
 * the service has a restart policy (the engine retries it: a common way to wait for a dependency) or other services
 * wait for it to complete (they report how it ended). One short wait per run at most: until the last container
 * started has been up for {@link #SETTLE}.
 */
final class ExitedAtOnce {
    private static final Duration SETTLE = Duration.ofMillis(200);

    private final ContainerEngine engine;
    private final ComposeProject project;
    private final StackProgress progress;

    ExitedAtOnce(ContainerEngine engine, ComposeProject project, StackProgress progress) {
        this.engine = engine;
        this.project = project;
        this.progress = progress;
    }

    /** The failures by service, each saying the exit code and the container's last log lines. */
    Map<String, Throwable> failures(StartWatch watch) {
        Map<String, Throwable> failures = new LinkedHashMap<>();
        try {
            watch.failedAtOnce(SETTLE).forEach((id, died) -> {
                ComposeProject.Service service = project.services().get(died.service());
                boolean restarts = service.restart() != null && service.restart().mode() != RestartPolicy.Mode.NO;
                boolean waitedOn = project.services().values().stream()
                        .anyMatch(s -> s.dependsOn().get(died.service()) == Condition.SERVICE_COMPLETED_SUCCESSFULLY);
                if (!restarts && !waitedOn) {
                    String message = "exited at once with code " + died.exitCode() + lastLogLine(id);
                    progress.update(died.service(), "failed", message);
                    failures.putIfAbsent(died.service(), new EngineException(message));
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted", e);
        }
        return failures;
    }

    private String lastLogLine(String container) {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        try (var logs = engine.containers().logs(container, new LogOptions(false, 3, false), l -> lines.add(l.text()))) {
            logs.awaitCompletion(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (CapstanException ignored) {
            // the exit code alone still says what happened
        }
        return lines.isEmpty() ? "" : " (" + String.join(" / ", lines) + ")";
    }
}
