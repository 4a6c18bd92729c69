package io.wssocket.cluster;

/**
 * A session joined or left an endpoint's path or a group, on some node of the cluster.
 *
 * @param scope whether {@link #name} is a path or a group
 * @param name the endpoint's full path or the group's name
 * @param sessionId the session's id
 * @param joined true when it joined, false when it left (closed, left the group, or its node left
 *     the cluster)
 */
public record PresenceEvent(Scope scope, String name, String sessionId, boolean joined) {

    /** What a presence is counted in. */
    public enum Scope {
        /** The sessions of an endpoint, by its full path. */
        PATH,
        /** The sessions of an application-named group. */
        GROUP
    }
}
