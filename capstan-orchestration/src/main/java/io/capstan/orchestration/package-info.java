/**
 * The orchestration API: a Docker client ({@link io.capstan.orchestration.DockerIntegration}) and a Kubernetes client
 * ({@link io.capstan.orchestration.KubernetesOrchestration}) with the methods and parameters their users know, returning
 * plain records. Nothing here names an engine's or a client library's types: the Docker side runs over Capstan's
 * engine SPI ({@code io.capstan.orchestration.engine}), the Kubernetes side is the {@code capstan-kubernetes} module.
 * Every failure is a one-line {@link io.capstan.core.error.CapstanException}.
 */
package io.capstan.orchestration;
