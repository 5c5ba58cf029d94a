package io.capstan.cli;

import io.capstan.stack.GeneratedStack;
import io.capstan.stack.StackGenerator;
import io.capstan.stack.compose.ComposeLoader;
import io.capstan.stack.compose.ComposeProject;
import io.capstan.core.error.ConfigException;
import io.capstan.stack.config.StackSecretNames;
import io.capstan.stack.config.SecretValues;
import io.capstan.stack.run.StackLabels;
import io.capstan.stack.run.StackProgress;
import io.capstan.stack.run.StackRunner;

import java.nio.file.Path;
import java.util.List;

/** A stack ready to run: its build directory regenerated, its compose files loaded, warnings printed. */
record StackSession(GeneratedStack stack, ComposeProject project) {

    static GeneratedStack generate(Cli cli, Path config, boolean lenient) {
        GeneratedStack stack = new StackGenerator(System.getenv(), lenient).generate(config);
        stack.warnings().forEach(w -> cli.err().println("capstan: warning: " + w));
        return stack;
    }

    /**
     * Warns about the variables the stack's config uses unset, when no compose files are loaded (which would name
     * them, with their own uses, in one warning per variable).
     */
    static void warnUnsetWithoutCompose(Cli cli, GeneratedStack stack) {
        SecretValues secrets = SecretValues.of(stack.config());
        stack.config().unset().warnings().forEach(w -> cli.err().println("capstan: warning: " + secrets.hide(w)));
    }

    static StackSession open(Cli cli, GeneratedStack stack) {
        return open(cli, stack, List.of());
    }

    /** @param profiles the profiles given on the command line ({@code --profile}); none: {@code COMPOSE_PROFILES} */
    static StackSession open(Cli cli, GeneratedStack stack, List<String> profiles) {
        return open(cli, stack, loader(stack).withProfiles(profiles));
    }

    /** As {@link #open}, with the values of secret variables kept as {@code ${VAR}}: for printing the model. */
    static StackSession openMasked(Cli cli, GeneratedStack stack, List<String> profiles) {
        return open(cli, stack, loader(stack).withProfiles(profiles).maskingSecrets(StackSecretNames.of(stack.config())));
    }

    private static StackSession open(Cli cli, GeneratedStack stack, ComposeLoader loader) {
        SecretValues secrets = SecretValues.of(stack.config());
        ComposeProject project = load(stack, loader, secrets);
        project.warnings().forEach(w -> cli.err().println("capstan: warning: "
                + secrets.hide(stack.origins().explain(w))));
        return new StackSession(stack, project);
    }

    /** The stack's compose files read for a Swarm, the warnings that apply there printed. */
    static io.capstan.stack.compose.SwarmCompose openForSwarm(Cli cli, GeneratedStack stack, List<String> profiles) {
        SecretValues secrets = SecretValues.of(stack.config());
        io.capstan.stack.compose.SwarmCompose compose;
        try {
            compose = loader(stack).withProfiles(profiles).loadForSwarm(stack.composeFiles(), fallbackName(stack));
        } catch (ConfigException e) {
            throw secrets.hide(new ConfigException(stack.origins().explain(e.getMessage()), e));
        }
        compose.warnings().forEach(w -> cli.err().println("capstan: warning: " + secrets.hide(stack.origins().explain(w))));
        return compose;
    }

    /** The stack's compose files read for another target than the engine, without the warnings that apply on a Swarm. */
    static io.capstan.stack.compose.SwarmCompose loadForTarget(GeneratedStack stack, List<String> profiles) {
        try {
            return loader(stack).withProfiles(profiles).loadForSwarm(stack.composeFiles(), fallbackName(stack));
        } catch (ConfigException e) {
            throw SecretValues.of(stack.config()).hide(new ConfigException(stack.origins().explain(e.getMessage()), e));
        }
    }

    /** The stack's project name, as {@link #open} would load it, without printing the loader's warnings. */
    static String projectName(GeneratedStack stack, List<String> profiles) {
        return load(stack, loader(stack).withProfiles(profiles), SecretValues.of(stack.config())).name();
    }

    /**
     * Loads the compose files; an error about a generated file's line names the template line too, and one about a
     * value taken from a secret variable says {@code ${VAR}} instead.
     */
    private static ComposeProject load(GeneratedStack stack, ComposeLoader loader, SecretValues secrets) {
        try {
            return loader.load(stack.composeFiles(), fallbackName(stack));
        } catch (ConfigException e) {
            throw secrets.hide(new ConfigException(stack.origins().explain(e.getMessage()), e));
        }
    }

    private static ComposeLoader loader(GeneratedStack stack) {
        return new ComposeLoader(stack.config().environment(), stack.config().projectDir())
                .withUnsetVariables(stack.config().unset());
    }

    StackRunner runner(Cli cli, StackProgress progress) {
        return new StackRunner(cli.engine(), project, progress, StackLabels.forConfigFile(stack.config().mainFile()));
    }

    /** The project name when the compose files set none: the config's project_name, else the directory's name. */
    private static String fallbackName(GeneratedStack stack) {
        Object configured = stack.config().values().get("project_name");
        return configured instanceof String s && !s.isBlank() ? s : stack.config().projectDir().getFileName().toString();
    }
}
