package io.capstan.stack.compose;

import io.capstan.core.error.ConfigException;
import io.capstan.stack.config.ConfigFiles;
import io.capstan.stack.config.Interpolator;
import io.capstan.stack.config.Location;
import io.capstan.core.secret.SecretNames;
import io.capstan.stack.config.UnsetVariables;
import io.capstan.stack.config.Values;
import io.capstan.stack.config.YamlDocument;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads compose files into one {@link ComposeProject}: each file is parsed (with {@code !reset}, {@code !override}
 * and {@code <<}) and interpolated as compose does ({@code ${VAR}}, {@code ${VAR:-d}}, {@code ${VAR-d}},
 * {@code ${VAR:?msg}}, {@code $$}; an unset variable becomes empty text, with a warning), then the files are merged
 * in order. Relative paths resolve against the first file's directory, as in Docker Compose. Services of profiles
 * that are not active are left out ({@link Profiles}). Loading for running (not {@link #maskingSecrets}) writes the
 * values of {@code environment:}/{@code content:} secrets and configs into the files the services bind.
 */
public final class ComposeLoader {
    private final Map<String, String> environment;
    private final Path displayBase;
    private final SecretNames isSecret;
    private final List<String> profiles;
    /** Shows the model rather than running it: writes no secret or config files. */
    private final boolean masking;
    /** Unset variables found before the compose files (in the stack's config), warned about with theirs. */
    private final UnsetVariables earlierUnset;

    /**
     * @param environment the variables compose files see (the process environment plus the stack's {@code .env})
     * @param displayBase paths in messages are shown relative to this directory
     */
    public ComposeLoader(Map<String, String> environment, Path displayBase) {
        this(environment, displayBase, SecretNames.NONE, List.of(), false, UnsetVariables.NONE);
    }

    private ComposeLoader(Map<String, String> environment, Path displayBase, SecretNames isSecret,
                          List<String> profiles, boolean masking, UnsetVariables earlierUnset) {
        this.environment = environment;
        this.displayBase = displayBase;
        this.isSecret = isSecret;
        this.profiles = List.copyOf(profiles);
        this.masking = masking;
        this.earlierUnset = earlierUnset;
    }

    /**
     * A loader for showing the model rather than running it: a value taken from a variable that {@code isSecret}
     * names (from the environment or an {@code env_file}) stays the reference {@code ${VAR}}, as in the stack's
     * flattened config.
     */
    public ComposeLoader maskingSecrets(SecretNames isSecret) {
        return new ComposeLoader(environment, displayBase, isSecret, profiles, true, earlierUnset);
    }

    /**
     * A loader that runs the services of these profiles too ({@code --profile}); with none given, those
     * {@code COMPOSE_PROFILES} names. Services of other profiles are left out of the model.
     */
    public ComposeLoader withProfiles(List<String> profiles) {
        return new ComposeLoader(environment, displayBase, isSecret, profiles, masking, earlierUnset);
    }

    /**
     * A loader whose warning about each unset variable also names where {@code unset} found it (the stack's config,
     * which left it for compose): one warning per variable, not one from each.
     */
    public ComposeLoader withUnsetVariables(UnsetVariables unset) {
        return new ComposeLoader(environment, displayBase, isSecret, profiles, masking, unset);
    }

    /** @param fallbackName the project name when the files set no top-level {@code name} */
    public ComposeProject load(List<Path> files, String fallbackName) {
        return read(files, fallbackName, null);
    }

    /** As {@link #load}, with what {@code deploy:} means on a Swarm and the warnings that apply there. */
    public SwarmCompose loadForSwarm(List<Path> files, String fallbackName) {
        SwarmCompose[] swarm = new SwarmCompose[1];
        read(files, fallbackName, (project, tree, locations) ->
                swarm[0] = new SwarmDeployReader(locations).read(project, tree));
        return swarm[0];
    }

    private interface TreeReader {
        void read(ComposeProject project, Map<String, Object> tree, Map<String, Location> locations);
    }

    private ComposeProject read(List<Path> files, String fallbackName, TreeReader alsoRead) {
        if (files.isEmpty()) {
            throw new ConfigException("no compose files to load");
        }
        Map<String, Object> merged = new LinkedHashMap<>();
        Map<String, Location> locations = new HashMap<>();
        Set<String> warnings = new LinkedHashSet<>();
        List<UnsetVariables> unset = new ArrayList<>();
        Includes.Reader reader = (path, variables, found) -> readFile(path, variables, unset);
        for (Path file : files) {
            Extends.File read = reader.read(file, environment, warnings);
            Map<String, Object> values = new Includes(reader, environment, warnings).apply(read, locations);
            values = new Extends(path -> reader.read(path, environment, warnings)).resolve(new Extends.File(read.path(),
                    read.display(), values, locations));
            merged = ComposeMerge.merge(merged, values, "");
        }
        Path projectDir = files.getFirst().toAbsolutePath().normalize().getParent();
        List<String> earlier = new ArrayList<>(unset.stream().reduce(earlierUnset, UnsetVariables::plus).warnings());
        earlier.addAll(warnings);
        Profiles.Selection selection = Profiles.of(profiles, environment).select(merged, locations, earlier);
        // On a Swarm, container_name is only warned about: one-engine refusals about it do not apply.
        Map<String, Object> tree = alsoRead == null ? selection.tree() : SwarmDeployReader.withoutContainerNames(selection.tree());
        ComposeProject project = new ComposeReader(tree, locations, projectDir, environment, isSecret)
                .read(fallbackName, earlier).withInactiveServices(selection.inactive());
        if (alsoRead != null) {
            alsoRead.read(project, selection.tree(), locations);
        }
        if (!masking) {
            FileSourceWriter.write(project);
        }
        return project;
    }

    /** Parses and interpolates one file with {@code variables}; the variables it uses unset go to {@code unset}. */
    private Extends.File readFile(Path file, Map<String, String> variables, List<UnsetVariables> unset) {
        String display = display(file);
        YamlDocument document = YamlDocument.parse(ConfigFiles.readText(file, display), display, true);
        Interpolator interpolator = new Interpolator(variables, isSecret::isSecret, Interpolator.Unset.BLANK);
        Map<String, Object> values;
        try {
            // The masked tree is the expanded one but for the values of secret variables, if any are masked.
            values = Values.asMap(interpolator.apply(document.root()).masked());
        } catch (Interpolator.MissingVariable e) {
            throw new ConfigException(document.locations().getOrDefault(e.path(), new Location(display, 0))
                    + ": " + e.getMessage(), e);
        }
        unset.add(UnsetVariables.of(interpolator.unsetUses(), document.locations(), display, true));
        return new Extends.File(file, display, values, document.locations());
    }

    private String display(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(displayBase) ? displayBase.relativize(absolute).toString() : absolute.toString();
    }
}
