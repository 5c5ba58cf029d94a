package io.capstan.kernels.spec;

import io.capstan.core.error.InvalidSpecException;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One Capstan kernelspec: what {@code capstan kernelspec install} writes into kernel.json and what the launcher
 * reads back from it.
 *
 * @param name              the kernelspec's directory name, such as {@code docker_python}
 * @param network           the network kernel containers join (empty: the engine's default)
 * @param containerArgv     the kernel's command inside the container
 * @param launchTimeout     seconds the launcher waits for the kernel to answer
 * @param logLevel          the launcher's log level: 10 debug, 20 info, 30 warnings (the default), 40 errors
 */
public record KernelSpec(String name, String displayName, Language language, KernelMode mode, String image,
                         String network, SortedSet<String> authorizedUsers, SortedSet<String> unauthorizedUsers,
                         PortRange portRange, int launchTimeout, String ipykernelSubclassName, int logLevel,
                         List<String> containerArgv) {
    public static final String DEFAULT_SUBCLASS = "ipykernel.ipkernel.IPythonKernel";

    public KernelSpec {
        if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
            throw new InvalidSpecException("invalid kernel name '" + name + "': use letters, digits, '.', '_' and '-'");
        }
        if (image == null || image.isBlank()) {
            throw new InvalidSpecException("kernelspec '" + name + "' needs an image");
        }
        if (launchTimeout < 1) {
            throw new InvalidSpecException("invalid launch timeout " + launchTimeout + ": expected whole seconds, 1 or more");
        }
        network = network == null ? "" : network;
        authorizedUsers = new TreeSet<>(authorizedUsers);
        unauthorizedUsers = new TreeSet<>(unauthorizedUsers);
        containerArgv = List.copyOf(containerArgv);
    }

    /** The kernel's command inside the container with the connection file's path there filled in. */
    public List<String> containerCommand(String connectionFile) {
        return containerArgv.stream().map(arg -> arg.replace("{connection_file}", connectionFile)
                .replace("{ipykernel_subclass}", ipykernelSubclassName)).toList();
    }
}
