package io.wssocket.bench;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The endpoint every server under test deploys at {@code /echo}: each whole text message is sent
 * back with {@code sendText}, each whole binary message with {@code sendBinary}, both through the
 * blocking {@link jakarta.websocket.RemoteEndpoint.Basic}.
 *
 * <p>Programmatic rather than annotated so that no server pays for annotation scanning or a
 * different dispatch path: all of them run exactly this code per message.
 */
public final class EchoEndpoint extends Endpoint {

    /** The path the load driver connects to. */
    public static final String PATH = "/echo";

    /**
     * The largest binary message, set as the binary buffer size on every server alike: the 16 KiB
     * echo's (Tomcat's default, 8 KiB, would close that echo with 1009), or more when the runner asks
     * with {@code -Dbench.echo.max-binary=N} (the large-message scenario). Not more by default:
     * Tomcat allocates this buffer for every session, idle or not.
     */
    static final int MAX_BINARY_MESSAGE = Integer.getInteger("bench.echo.max-binary", 16 * 1024);

    /**
     * The largest text message, when the runner asks for one with {@code -Dbench.echo.max-text=N}
     * (the hostile scenario's blocked senders send 2 MiB texts); otherwise the server's default.
     */
    static final int MAX_TEXT_MESSAGE = Integer.getInteger("bench.echo.max-text", 0);

    /**
     * The system property that turns permessage-deflate on where a server needs telling (WS Socket,
     * Netty); the permessage-deflate scenarios set it on every server.
     */
    static final String DEFLATE_PROPERTY = "bench.deflate";

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.setMaxBinaryMessageBufferSize(MAX_BINARY_MESSAGE);
        if (MAX_TEXT_MESSAGE > 0) {
            session.setMaxTextMessageBufferSize(MAX_TEXT_MESSAGE);
        }
        session.addMessageHandler(String.class, text -> {
            try {
                session.getBasicRemote().sendText(text);
            } catch (IOException e) {
                closeAfterFailedSend(session, e);
            }
        });
        session.addMessageHandler(ByteBuffer.class, data -> {
            try {
                session.getBasicRemote().sendBinary(data);
            } catch (IOException e) {
                closeAfterFailedSend(session, e);
            }
        });
    }

    private static void closeAfterFailedSend(Session session, IOException cause) {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "echo failed"));
        } catch (IOException ignored) {
            // The connection is already gone; the load driver reports the missing echo.
        }
    }
}
