package io.capstan.stack.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A stack's configuration after imports, applications, {@code .env} and variable expansion.
 *
 * @param mainFile    the config file named on the command line
 * @param projectDir  the main file's directory: where service paths, {@code src/}, additional dirs and templates
 *                    are read from
 * @param projectRoot what templates see as {@code project_root}: the {@code project_root} value as configured (the
 *                    project's path on the host it is deployed to, which need not exist here), default
 *                    {@code projectDir}
 * @param buildDir    where generated files go ({@code build_dir}, default {@code ./build} under the project directory)
 * @param values      the merged, expanded configuration: what templates see
 * @param masked      the same with secret-variable values still written as {@code ${VAR}}: what is written to disk
 * @param locations   the file and line each key path was last set at
 * @param environment the process environment plus {@code .env}, for later interpolation
 * @param secrets     where {@code masked} keeps a secret variable's reference instead of its value
 * @param warnings    problems worth a line that do not stop generation, but for unset variables
 * @param unset       variables used without a value or default, left as written for compose: one warning each
 *                    once compose files have used them too ({@link UnsetVariables#warnings()})
 */
public record StackConfig(Path mainFile, Path projectDir, String projectRoot, Path buildDir, Map<String, Object> values,
                          Map<String, Object> masked, Map<String, Location> locations,
                          Map<String, String> environment, List<SecretReference> secrets,
                          List<String> warnings, UnsetVariables unset) {

    /** {@code "file:line: "} for a key path, falling back to the main file when the key was not written anywhere. */
    public String where(String keyPath) {
        Location location = locations.get(keyPath);
        return (location != null ? location : new Location(mainFile.getFileName().toString(), 0)) + ": ";
    }
}
