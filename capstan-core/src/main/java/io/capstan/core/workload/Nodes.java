package io.capstan.core.workload;

import java.util.List;

/** A target made of several machines that can list them. */
public interface Nodes {
    List<NodeInfo> nodes();
}
