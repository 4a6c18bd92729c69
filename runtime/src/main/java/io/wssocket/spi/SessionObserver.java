package io.wssocket.spi;

import jakarta.websocket.CloseReason;

/**
 * An integration's view of one session. The session calls it on its serial executor, so for one
 * session the calls never overlap: {@link #beforeCallback()} and {@link #afterCallback()} around
 * every piece of endpoint code (onOpen, each message handler call, onError, onClose), and
 * {@link #opened()} and {@link #closed(CloseReason)} inside such a pair.
 */
public interface SessionObserver {

    /** On the thread about to run endpoint code of the session. */
    void beforeCallback();

    /** On the same thread, after that code returned or threw. */
    void afterCallback();

    /** Right before the endpoint's {@code onOpen}. */
    void opened();

    /**
     * After {@code onClose} has run and the session's instances were released, or when the
     * session ended before it opened. The last call for this session.
     *
     * @param reason why the session closed
     */
    void closed(CloseReason reason);
}
