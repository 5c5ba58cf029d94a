package io.capstan.orchestration;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Images, containers, networks and volumes on one container engine. {@code EngineDockerIntegration} runs it on any
 * engine Capstan reaches (Docker or Podman). Failures are one-line {@link io.capstan.core.error.CapstanException}s:
 * {@link io.capstan.core.error.NotFoundException} for a missing object, {@link io.capstan.core.error.ConflictException}
 * for a name in use, and so on.
 */
public interface DockerIntegration {

    /** Builds the directory {@code path} with {@code dockerfile} (relative to it; {@code Dockerfile} when null) as {@code tag}. */
    DockerImage buildImage(Path path, String tag, String dockerfile);

    /** Pulls {@code repository:tag} ({@code latest} when the tag is null). */
    DockerImage pullImage(String repository, String tag);

    /** Pushes {@code repository:tag} to its registry. */
    void pushImage(String repository, String tag);

    /**
     * Creates (does not start) a container.
     *
     * @param ports       {@code "8080/tcp"} (or {@code "8080"}) to the host port to publish it on; 0 picks a free one
     * @param environment environment variables
     */
    DockerContainer createContainer(String image, String name, Map<String, Integer> ports, Map<String, String> environment);

    /** Starts it and returns it as it now is. */
    DockerContainer startContainer(DockerContainer container);

    /** Stops it (killing it after 10 seconds) and returns it as it now is. */
    DockerContainer stopContainer(DockerContainer container);

    /** Removes it; a running container is a {@link io.capstan.core.error.ConflictException}. */
    void removeContainer(DockerContainer container);

    /** Every container, running or not. */
    List<DockerContainer> listContainers();

    List<DockerImage> listImages();

    /** Creates a network with {@code driver} ({@code bridge} when null). */
    DockerNetwork createNetwork(String name, String driver);

    void removeNetwork(DockerNetwork network);

    DockerVolume createVolume(String name);

    void removeVolume(DockerVolume volume);
}
