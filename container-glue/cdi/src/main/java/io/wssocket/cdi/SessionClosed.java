package io.wssocket.cdi;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

/**
 * Fired once a session has closed, after its endpoint's onClose, while its connection scope is
 * still active.
 *
 * @param path as in {@link SessionOpened}
 */
public record SessionClosed(Session session, String path, CloseReason reason) {
}
