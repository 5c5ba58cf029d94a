package io.capstan.stack.build;

import io.capstan.stack.discovery.DeployedService;

import java.nio.file.Path;
import java.util.List;

/**
 * What generating one service will do, fully validated before anything is written.
 *
 * @param service        the service
 * @param sourceDir      its directory in the project (its {@code path})
 * @param outputDir      its directory relative to the build directory (its path relative to the project directory)
 * @param copySrc        copy the project's {@code src/} to {@code repo_src/}
 * @param additional     extra files and directories to copy
 * @param renderKernels  render every {@code kernel.json.j2} below the service directory
 */
public record ServicePlan(DeployedService service, Path sourceDir, Path outputDir, boolean copySrc,
                          List<Copy> additional, boolean renderKernels) {

    /** A file or directory of the project copied to a place relative to the service's output directory. */
    public record Copy(Path source, Path destination) {
    }

    public Path template() {
        return sourceDir.resolve(BuildPlanner.COMPOSE_TEMPLATE);
    }
}
