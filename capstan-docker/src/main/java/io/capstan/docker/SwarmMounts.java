package io.capstan.docker;

import com.github.dockerjava.api.model.BindOptions;
import com.github.dockerjava.api.model.BindPropagation;
import com.github.dockerjava.api.model.Driver;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.TmpfsOptions;
import com.github.dockerjava.api.model.VolumeOptions;
import io.capstan.core.error.InvalidSpecException;
import io.capstan.core.spec.Mount;
import io.capstan.core.spec.VolumeSpec;

import java.util.Locale;
import java.util.Map;

/**
 * A workload's mounts as a Swarm service's: with their options, and a named volume's driver, options and labels, so
 * that each node makes the volume as the stack says (as {@code docker stack deploy} does).
 */
final class SwarmMounts {
    private SwarmMounts() {
    }

    static com.github.dockerjava.api.model.Mount toService(Mount m, Map<String, VolumeSpec> volumes) {
        var mount = new com.github.dockerjava.api.model.Mount().withTarget(m.target()).withReadOnly(m.readOnly());
        Mount.Options o = m.options();
        switch (m.type()) {
            case BIND -> {
                mount.withType(MountType.BIND);
                if (o.propagation() != null) {
                    mount.withBindOptions(new BindOptions().withPropagation(propagation(o.propagation())));
                }
            }
            case TMPFS -> {
                mount.withType(MountType.TMPFS);
                if (o.tmpfsSize() != null || o.tmpfsMode() != null) {
                    mount.withTmpfsOptions(new TmpfsOptions().withSizeBytes(o.tmpfsSize()).withMode(o.tmpfsMode()));
                }
            }
            case VOLUME -> {
                mount.withType(MountType.VOLUME);
                if (o.subpath() != null) {
                    throw new InvalidSpecException("volume subpath '" + o.subpath() + "' at " + m.target()
                            + " is not supported on Swarm: mount the volume's root instead");
                }
                VolumeSpec volume = volumes.get(m.source());
                if (volume != null || o.noCopy()) {
                    var options = new VolumeOptions().withNoCopy(o.noCopy() ? Boolean.TRUE : null);
                    if (volume != null) {
                        options.withLabels(volume.labels().isEmpty() ? null : volume.labels())
                                .withDriverConfig(new Driver().withName(volume.driver())
                                        .withOptions(volume.driverOpts().isEmpty() ? null : volume.driverOpts()));
                    }
                    mount.withVolumeOptions(options);
                }
            }
        }
        return m.source().isEmpty() ? mount : mount.withSource(m.source());
    }

    static Mount fromService(com.github.dockerjava.api.model.Mount m) {
        Mount.Type type = m.getType() == MountType.BIND ? Mount.Type.BIND
                : m.getType() == MountType.TMPFS ? Mount.Type.TMPFS : Mount.Type.VOLUME;
        String propagation = m.getBindOptions() == null || m.getBindOptions().getPropagation() == null ? null
                : m.getBindOptions().getPropagation().name().replace("_", "").toLowerCase(Locale.ROOT);
        boolean noCopy = m.getVolumeOptions() != null && Boolean.TRUE.equals(m.getVolumeOptions().getNoCopy());
        var tmpfs = m.getTmpfsOptions();
        var options = new Mount.Options(propagation, null, noCopy, null, tmpfs == null ? null : tmpfs.getSizeBytes(),
                tmpfs == null ? null : tmpfs.getMode());
        return new Mount(type, m.getSource(), m.getTarget(), Boolean.TRUE.equals(m.getReadOnly()), options);
    }

    /** A named volume's settings as the service's mount carries them (null for the defaults). */
    static VolumeSpec volume(com.github.dockerjava.api.model.Mount m) {
        VolumeOptions o = m.getVolumeOptions();
        if (m.getType() != MountType.VOLUME || o == null || m.getSource() == null
                || (o.getDriverConfig() == null && o.getLabels() == null)) {
            return null;
        }
        Driver driver = o.getDriverConfig();
        return new VolumeSpec(m.getSource(), driver == null ? null : driver.getName(), o.getLabels(),
                driver == null ? null : driver.getOptions());
    }

    private static BindPropagation propagation(String mode) {
        try {
            String upper = mode.toUpperCase(Locale.ROOT);
            return BindPropagation.valueOf(upper.startsWith("R") ? "R_" + upper.substring(1) : upper);
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException("invalid bind propagation '" + mode
                    + "': expected rprivate, private, rshared, shared, rslave or slave");
        }
    }
}
