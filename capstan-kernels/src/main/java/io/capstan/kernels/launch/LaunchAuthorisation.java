package io.capstan.kernels.launch;

import io.capstan.core.error.ConfigException;
import io.capstan.kernels.spec.KernelSpec;

/** Whether a KERNEL_USERNAME may launch a kernelspec's kernels: unauthorised users first, then authorised ones. */
public final class LaunchAuthorisation {
    private LaunchAuthorisation() {
    }

    public static boolean allows(KernelSpec spec, String user) {
        if (spec.unauthorizedUsers().contains(user)) {
            return false;
        }
        return spec.authorizedUsers().isEmpty() || spec.authorizedUsers().contains(user);
    }

    public static void check(KernelSpec spec, String user) {
        if (!allows(spec, user)) {
            throw new ConfigException("403 Forbidden: user " + user + " is not authorised to launch this kernel");
        }
    }
}
