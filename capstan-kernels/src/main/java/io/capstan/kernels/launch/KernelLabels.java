package io.capstan.kernels.launch;

import io.capstan.core.label.Labels;

import java.util.LinkedHashMap;
import java.util.Map;

/** The labels on a kernel's container, as the seed's launcher sets them, plus Capstan's owner label. */
public final class KernelLabels {
    public static final String KERNEL_ID = Labels.KERNEL_ID;
    public static final String COMPONENT = Labels.COMPONENT;
    public static final String APP = Labels.APP;
    /** The KERNEL_USERNAME that launched it, for {@code capstan kernel ls}. */
    public static final String USER = Labels.KERNEL_USER;

    private KernelLabels() {
    }

    /** Every kernel container Capstan started carries these. */
    public static Map<String, String> anyKernel() {
        Map<String, String> labels = new LinkedHashMap<>(Labels.owned());
        labels.put(COMPONENT, "kernel");
        labels.put(APP, "capstan");
        return labels;
    }

    public static Map<String, String> of(String kernelId, String user) {
        Map<String, String> labels = anyKernel();
        labels.put(KERNEL_ID, kernelId);
        labels.put(USER, user);
        return labels;
    }

    public static Map<String, String> kernel(String kernelId) {
        Map<String, String> labels = anyKernel();
        labels.put(KERNEL_ID, kernelId);
        return labels;
    }
}
