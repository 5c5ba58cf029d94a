package io.capstan.kubernetes.workload;

import io.capstan.core.workload.WorkloadTarget;
import io.capstan.tck.WorkloadControllerContract;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;

/**
 * The workload contract on fabric8's mock API server in CRUD mode. The mock runs no controllers and no kubelet, so
 * {@link SimulatedKubelet} makes the pods a cluster would (and their logs); what needs real pods on a real network
 * ({@code WorkloadTargetContract}'s host-mode port) cannot run here.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesTargetTest extends WorkloadControllerContract {
    static final String NAMESPACE = "tck";
    static KubernetesMockServer server;
    static KubernetesClient client;

    private SimulatedKubelet kubelet;

    @Override
    protected WorkloadTarget createTarget() {
        kubelet = new SimulatedKubelet(client, server, NAMESPACE);
        return new KubernetesTarget(new KubernetesClientBuilder().withConfig(client.getConfiguration()).build(), NAMESPACE);
    }

    @Override
    protected String namePrefix() {
        return "k8s14";
    }

    @Override
    protected void closeTarget() {
        kubelet.close();
        target.close();
    }
}
