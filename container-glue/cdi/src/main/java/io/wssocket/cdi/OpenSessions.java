package io.wssocket.cdi;

import jakarta.websocket.Session;
import java.util.Set;

/**
 * The open server sessions of the application, by the path of their endpoint, for code that sends
 * from outside an endpoint. Injectable anywhere in the application ({@code @Inject OpenSessions}).
 */
public interface OpenSessions {

    /**
     * The sessions open now at the endpoint deployed under {@code path} (the full path, context
     * path included; for a template the template itself, such as {@code /rooms/{id}}).
     *
     * @param path the endpoint's full path
     * @return the open sessions, a snapshot
     */
    Set<Session> sessions(String path);

    /**
     * Sends {@code text} to every session open at {@code path} with its asynchronous remote, so a
     * slow peer does not hold up the others.
     *
     * @param path the endpoint's full path
     * @param text the message
     * @return how many sessions it was sent to
     */
    int broadcast(String path, String text);
}
