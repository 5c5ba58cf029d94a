package io.capstan.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.SwarmSpec;
import io.capstan.core.error.ConflictException;
import io.capstan.core.error.InvalidSpecException;

import java.util.List;

/** An engine's membership of a swarm: create one, join one, leave it, and the tokens others join with. */
public final class SwarmMembership {
    private static final int SWARM_PORT = 2377;

    private final String endpoint;
    private final DockerClient client;
    private final DockerErrors errors;

    SwarmMembership(String endpoint, DockerClient client, DockerErrors errors) {
        this.endpoint = endpoint;
        this.client = client;
        this.errors = errors;
    }

    public SwarmState state() {
        Info info = errors.call("engine", endpoint, () -> client.infoCmd().exec());
        var swarm = info.getSwarm();
        if (swarm == null) {
            return new SwarmState("inactive", false, "", "", 0, 0, "");
        }
        return new SwarmState(swarm.getLocalNodeState() == null ? "inactive" : swarm.getLocalNodeState().getValue(),
                Boolean.TRUE.equals(swarm.getControlAvailable()), nullToEmpty(swarm.getNodeID()),
                nullToEmpty(swarm.getNodeAddr()), swarm.getNodes() == null ? 0 : swarm.getNodes(),
                swarm.getManagers() == null ? 0 : swarm.getManagers(), nullToEmpty(swarm.getError()));
    }

    /** Refuses, in one line saying what to do, an engine through which services cannot be managed. */
    public void requireManager() {
        SwarmState state = state();
        if (state.manager()) {
            return;
        }
        if (state.active()) {
            throw new ConflictException("this engine is not a swarm manager (it is a worker of a swarm): name a manager's "
                    + "engine with --engine, or promote this node on a manager");
        }
        throw new ConflictException("this engine is not a swarm manager: run 'capstan swarm init' to make it one, "
                + "or name a manager's engine with --engine (swarm state: " + state.localState() + ")");
    }

    /**
     * Makes this engine the first manager of a new swarm and returns its node id.
     *
     * @param advertiseAddress the address other nodes reach it at (such as {@code 127.0.0.1} for a one-node swarm)
     */
    public String init(String advertiseAddress) {
        SwarmState before = state();
        if (before.active()) {
            throw new ConflictException("this engine is already part of a swarm (node " + before.nodeId()
                    + "): leave it first with 'capstan swarm leave --force'");
        }
        errors.run("swarm", endpoint, () -> client.initializeSwarmCmd(new SwarmSpec())
                .withListenAddr("0.0.0.0:" + SWARM_PORT).withAdvertiseAddr(advertiseAddress).exec());
        return state().nodeId();
    }

    public JoinTokens joinTokens() {
        requireManager();
        var swarm = errors.call("swarm", endpoint, () -> client.inspectSwarmCmd().exec());
        SwarmState state = state();
        String address = state.nodeAddress().isEmpty() ? "" : state.nodeAddress() + ":" + SWARM_PORT;
        return new JoinTokens(swarm.getJoinTokens().getWorker(), swarm.getJoinTokens().getManager(), address);
    }

    /**
     * Joins the swarm a manager at {@code managerAddress} ({@code HOST[:PORT]}) leads.
     *
     * @param advertiseAddress the address other nodes reach this one at (empty: the engine picks one)
     */
    public void join(String managerAddress, String token, String advertiseAddress) {
        if (token == null || !token.startsWith("SWMTKN-")) {
            throw new InvalidSpecException("invalid join token '" + token
                    + "': expected a token starting with SWMTKN- (run 'capstan swarm join-token' on a manager)");
        }
        if (state().active()) {
            throw new ConflictException("this engine is already part of a swarm: leave it first with 'capstan swarm leave'");
        }
        String remote = managerAddress.contains(":") ? managerAddress : managerAddress + ":" + SWARM_PORT;
        var cmd = client.joinSwarmCmd().withRemoteAddrs(List.of(remote)).withJoinToken(token)
                .withListenAddr("0.0.0.0:" + SWARM_PORT);
        if (advertiseAddress != null && !advertiseAddress.isBlank()) {
            cmd.withAdvertiseAddr(advertiseAddress);
        }
        errors.run("swarm", remote, cmd::exec);
    }

    /** Leaves the swarm; the last manager needs {@code force}, and the swarm is gone then. */
    public void leave(boolean force) {
        SwarmState state = state();
        if (!state.active() && !"pending".equals(state.localState())) {
            throw new ConflictException("this engine is not part of a swarm: nothing to leave");
        }
        if (state.manager() && !force) {
            throw new ConflictException("this engine is a swarm manager: leaving"
                    + (state.managers() <= 1 ? " ends the swarm and removes its services" : " weakens the swarm's quorum")
                    + "; add --force to leave anyway");
        }
        errors.run("swarm", endpoint, () -> client.leaveSwarmCmd().withForceEnabled(force).exec());
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
