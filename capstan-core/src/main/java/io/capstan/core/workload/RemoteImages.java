package io.capstan.core.workload;

/**
 * Marks a target whose nodes pull images by themselves (Kubernetes): the local engine's id of a tag says nothing
 * about what its workloads run, so a rebuilt local tag rolls nothing there.
 */
public interface RemoteImages {
}
