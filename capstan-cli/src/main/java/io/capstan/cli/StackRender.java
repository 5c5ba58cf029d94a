package io.capstan.cli;

import io.capstan.core.error.ConfigException;
import io.capstan.core.error.InvalidSpecException;
import io.capstan.kubernetes.stack.ManifestFiles;
import io.capstan.kubernetes.stack.RenderedStack;
import io.capstan.kubernetes.stack.StackManifests;
import io.capstan.stack.GeneratedStack;
import io.capstan.stack.compose.SwarmCompose;
import io.capstan.stack.config.SecretValues;

import java.nio.file.Path;
import java.util.List;

/** {@code capstan CONFIG render --target kubernetes [-o DIR]}: the stack as Kubernetes manifests. */
final class StackRender {
    private StackRender() {
    }

    /** Best effort: a failure here shows again, with its message, when the manifests are written. */
    static void warmUp() {
        try {
            ManifestFiles.warmUp();
        } catch (RuntimeException ignored) {
            // rendering reports it
        }
    }

    static int run(Cli cli, GeneratedStack stack, List<String> profiles, String target, Path output) {
        if (!"kubernetes".equals(target)) {
            throw new InvalidSpecException("render needs --target kubernetes" + (target == null ? "" : ", not '" + target + "'"));
        }
        RenderedStack rendered = renderWarning(cli, stack, StackSession.loadForTarget(stack, profiles));
        if (output == null) {
            cli.out().print(rendered.stream());
            return 0;
        }
        Path cwd = Path.of("").toAbsolutePath();
        for (Path file : ManifestFiles.write(rendered.manifests(), output)) {
            Path absolute = file.toAbsolutePath();
            cli.out().println(absolute.startsWith(cwd) ? cwd.relativize(absolute) : absolute);
        }
        return 0;
    }

    /**
     * The stack's manifests, its warnings (with file:line, secrets hidden) and the names Kubernetes made of its own
     * printed on standard error, as {@code render} and {@code up --target kubernetes} both report them.
     */
    static RenderedStack renderWarning(Cli cli, GeneratedStack stack, SwarmCompose compose) {
        SecretValues secrets = SecretValues.of(stack.config());
        RenderedStack rendered;
        try {
            rendered = StackManifests.render(compose);
        } catch (ConfigException e) {
            throw secrets.hide(new ConfigException(stack.origins().explain(e.getMessage()), e));
        }
        rendered.warnings().forEach(w -> cli.err().println("capstan: warning: " + secrets.hide(stack.origins().explain(w))));
        rendered.renamed().forEach((from, to) -> cli.err().println("capstan: '" + from + "' is named '" + to
                + "' on Kubernetes (names there are lower-case letters, digits and '-')"));
        return rendered;
    }
}
