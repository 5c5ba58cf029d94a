package io.capstan.kernels.spec;

import java.nio.file.Path;

/** A Capstan kernelspec found on disk. */
public record InstalledKernelSpec(KernelSpec spec, Path directory) {
}
