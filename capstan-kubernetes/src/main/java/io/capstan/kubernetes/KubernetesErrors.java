package io.capstan.kubernetes;

import io.capstan.core.error.CapstanException;
import io.capstan.core.error.ConflictException;
import io.capstan.core.error.EngineException;
import io.capstan.core.error.EngineUnavailableException;
import io.capstan.core.error.InvalidSpecException;
import io.capstan.core.error.NotFoundException;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.stream.Collectors;

/** The API server's refusals as Capstan's one-line errors, naming the object acted on and, when invalid, the field. */
public final class KubernetesErrors {
    private KubernetesErrors() {
    }

    /** {@code verb} such as {@code create}, {@code object} such as {@code deployment 'shop/web'}. */
    public static CapstanException map(KubernetesClientException e, String verb, String kind, String reference, String server) {
        String object = reference == null || reference.isEmpty() ? kind : kind + " '" + reference + "'";
        String said = serverSentence(e);
        return switch (e.getCode()) {
            case 404 -> new NotFoundException(kind, reference, object + " not found"
                    + (said.isEmpty() || said.contains("\"" + lastPart(reference) + "\"") ? "" : ": " + said), e);
            // a creation can only clash with an existing object; the mock server does not set the reason
            case 409 -> "AlreadyExists".equals(reason(e)) || "create".equals(verb)
                    ? new ConflictException(object + " already exists", e)
                    : new ConflictException(object + " was changed by someone else meanwhile (" + said
                    + "): read it again and retry", e);
            case 422 -> new InvalidSpecException("invalid " + object + ": " + fields(e, said), e);
            case 403 -> new EngineException("cannot " + verb + " " + object + ": forbidden (" + said
                    + "): the kubeconfig's user needs a role that allows it", e);
            case 401 -> new EngineException("cannot " + verb + " " + object + ": the cluster does not accept the "
                    + "kubeconfig's credentials (" + said + ")", e);
            case 0, -1 -> unreachable(e, verb, object, server);
            default -> new EngineException("cannot " + verb + " " + object + ": " + said, e);
        };
    }

    /** No answer at all: the connection's own failure, the most specific one of the chain. */
    private static CapstanException unreachable(KubernetesClientException e, String verb, String object, String server) {
        String why = null;
        boolean io = false;
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            io |= t instanceof IOException;
            if (t instanceof ConnectException) {
                why = "connection refused";
                break;
            }
            if (t instanceof UnknownHostException) {
                why = "unknown host " + t.getMessage();
                break;
            }
            if (t instanceof HttpTimeoutException) {
                why = "timed out";
                break;
            }
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                why = t.getMessage();
            }
        }
        if (!io) {
            return new EngineException("cannot " + verb + " " + object + ": " + (why == null ? e.getMessage() : why), e);
        }
        return new EngineUnavailableException("cannot " + verb + " " + object + ": no Kubernetes API server answered at "
                + server + " (" + (why == null ? "no connection" : why) + "): check --kubeconfig and --context", e);
    }

    /** Each invalid field with what the server said of it: {@code spec.replicas: must be greater than or equal to 0}. */
    private static String fields(KubernetesClientException e, String said) {
        Status status = e.getStatus();
        List<StatusCause> causes = status == null || status.getDetails() == null || status.getDetails().getCauses() == null
                ? List.of() : status.getDetails().getCauses();
        if (causes.isEmpty()) {
            return said;
        }
        return causes.stream()
                .map(c -> (c.getField() == null ? "" : c.getField() + ": ") + (c.getMessage() == null ? c.getReason()
                        : c.getMessage()))
                .collect(Collectors.joining("; "));
    }

    private static String reason(KubernetesClientException e) {
        return e.getStatus() == null ? null : e.getStatus().getReason();
    }

    private static String serverSentence(KubernetesClientException e) {
        Status status = e.getStatus();
        if (status != null && status.getMessage() != null && !status.getMessage().isBlank()) {
            return status.getMessage();
        }
        return e.getMessage() == null ? "the API server answered " + e.getCode() : e.getMessage();
    }

    private static String lastPart(String reference) {
        return reference.substring(reference.lastIndexOf('/') + 1);
    }
}
