package io.wssocket.server.host;

import io.wssocket.transport.Connection;
import jakarta.websocket.Session;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;

/**
 * What WS Socket decided about an upgrade request a host handed it: refused with a status, or
 * accepted with the headers of the 101 answer. For an accepted upgrade the host switches protocols
 * and then calls {@link #open(Connection)} with the upgraded connection, or {@link #abandon()} when
 * it could not; a refused one the host answers with {@link #status()} and {@link #message()}.
 */
public interface HostedUpgrade {
    /** Whether the session may open: the host answers 101 with {@link #headers()}. */
    boolean accepted();

    /** 101 when accepted, else the error status to answer with. */
    int status();

    /** Why it was refused (for the answer's body); empty when accepted. */
    String message();

    /**
     * The answer's headers: when accepted {@code Upgrade}, {@code Connection},
     * {@code Sec-WebSocket-Accept}, the agreed subprotocol and extensions and what the endpoint's
     * configurator added; when refused, what the refusal asks for (e.g. {@code Retry-After}).
     */
    Map<String, List<String>> headers();

    /**
     * Opens the session on the upgraded connection: its handler is installed at once, the
     * endpoint's {@code onOpen} runs on the callback executor. Accepted upgrades only; once.
     *
     * @return the session, for the host's own bookkeeping (e.g. closing it when the HTTP session ends)
     * @throws IllegalStateException when refused, or opened or abandoned before
     */
    default Session open(Connection connection) {
        return open(connection, UnaryOperator.identity());
    }

    /**
     * {@link #open(Connection)}, with the executor of the session's endpoint code chosen by the
     * host: {@code callbacks} is given the server's callback executor and answers the one this
     * session uses, e.g. one that runs callbacks on the host's event thread when they are made
     * there, and on the server's otherwise. It must still run a session's tasks in order.
     */
    Session open(Connection connection, UnaryOperator<Executor> callbacks);

    /** The host could not switch protocols: gives back what the accepted upgrade held. */
    void abandon();
}
