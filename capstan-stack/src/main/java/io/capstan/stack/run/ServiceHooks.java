package io.capstan.stack.run;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.ExecOptions;
import io.capstan.core.error.CapstanException;
import io.capstan.core.error.ConflictException;
import io.capstan.core.error.EngineException;
import io.capstan.stack.compose.ComposeProject;
import io.capstan.stack.compose.Hook;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Runs a service's {@code post_start} hooks after one of its containers starts and its {@code pre_stop} hooks
 * before one is stopped, through the engine's exec. A failing {@code post_start} hook fails the service; a failing
 * {@code pre_stop} hook is a warning (the container is stopped anyway, as it was asked to be).
 */
final class ServiceHooks {
    private final ContainerEngine engine;
    private final ComposeProject project;
    private final StackProgress progress;

    ServiceHooks(ContainerEngine engine, ComposeProject project, StackProgress progress) {
        this.engine = engine;
        this.project = project;
        this.progress = progress;
    }

    /** @throws EngineException naming the hook and its exit code when one fails */
    void postStart(String service, String container) {
        List<Hook> hooks = hooks(service).postStart();
        for (int i = 0; i < hooks.size(); i++) {
            String failure = run(service, container, hooks.get(i), "post_start", i + 1);
            if (failure != null) {
                throw new EngineException("post_start hook " + (i + 1) + " of service '" + service + "' " + failure);
            }
        }
    }

    /** Nothing runs in a container that is not running (there is nothing to stop). */
    void preStop(String service, String container) {
        List<Hook> hooks = hooks(service).preStop();
        for (int i = 0; i < hooks.size(); i++) {
            String failure = run(service, container, hooks.get(i), "pre_stop", i + 1);
            if (failure != null) {
                progress.warning("pre_stop hook " + (i + 1) + " of service '" + service + "' " + failure
                        + ": the container is stopped anyway");
            }
        }
    }

    private Hook.Hooks hooks(String service) {
        ComposeProject.Service s = project.services().get(service);
        return s == null ? Hook.Hooks.NONE : s.hooks();
    }

    /**
     * Null when the hook succeeded, else how it failed. Neither the command line nor the hook's output is shown: after
     * interpolation either may hold a secret's value ({@code mysql -p${DB_PASSWORD}}).
     */
    private String run(String service, String container, Hook hook, String kind, int number) {
        progress.update(service, kind, "hook " + number);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            code = engine.containers().exec(container, new ExecOptions(hook.command(), hook.environment(), hook.user(),
                    hook.workingDir(), false, hook.privileged()), null, out, err);
        } catch (ConflictException notRunning) {
            return kind.equals("pre_stop") ? null : "could not run: " + notRunning.getMessage();
        } catch (CapstanException e) {
            return "could not run: " + e.getMessage();
        }
        if (code == 0) {
            return null;
        }
        return "exited with code " + code;
    }
}
