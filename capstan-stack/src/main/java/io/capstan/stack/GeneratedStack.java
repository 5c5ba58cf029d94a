package io.capstan.stack;

import io.capstan.stack.build.TemplateOrigins;
import io.capstan.stack.config.StackConfig;
import io.capstan.stack.discovery.DeployedService;

import java.nio.file.Path;
import java.util.List;

/**
 * The result of generating a stack's build directory.
 *
 * @param composeFiles the rendered compose files, root first, then one per service in deployment order
 * @param warnings     problems that did not stop generation
 * @param origins      the template each compose file came from, to name it in messages about the file's lines
 */
public record GeneratedStack(StackConfig config, List<DeployedService> services, List<Path> composeFiles,
                             List<String> warnings, TemplateOrigins origins) {
}
