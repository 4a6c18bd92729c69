package io.wssocket.cdi;

import jakarta.websocket.Session;

/**
 * Fired (synchronously, in the session's callback scope) right before the endpoint's onOpen.
 *
 * @param path the full path the endpoint is deployed under (a template such as {@code /rooms/{id}}
 *     stays a template), or null for a client session
 */
public record SessionOpened(Session session, String path) {
}
