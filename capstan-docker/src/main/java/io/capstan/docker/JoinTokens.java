package io.capstan.docker;

/** What another engine needs to join a swarm: a token for each role, and a manager's address. */
public record JoinTokens(String worker, String manager, String managerAddress) {

    /** The command that joins another engine with {@code role} ({@code worker} or {@code manager}). */
    public String joinCommand(String role) {
        return "capstan swarm join --token " + ("manager".equals(role) ? manager : worker) + " " + managerAddress;
    }
}
