package io.wssocket.interop;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;

/**
 * Does what the client asks in text commands, so that tests can drive the server side:
 * <ul>
 * <li>{@code ping <hex>} sends a ping with that payload; the pong that comes back is reported as
 *     the text {@code pong <hex>} (so is any unsolicited pong);
 * <li>{@code close <code> <reason>} closes the session with that code and reason;
 * <li>{@value #SECURE_COMMAND} answers {@code secure <isSecure()> <scheme of getRequestURI()>},
 *     say {@code secure true wss};
 * <li>{@value NegotiatedExtensions#COMMAND} answers {@code extensions <negotiated>}, the session's
 *     {@code getNegotiatedExtensions()} as a header value ({@link NegotiatedExtensions}).
 * </ul>
 * Every {@code onClose} is recorded in the {@link ServerCloses} of the endpoint's user properties,
 * under the session's {@code client} query parameter.
 */
public class ControlEndpoint extends Endpoint {
    static final String SECURE_COMMAND = "secure";
    private static final HexFormat HEX = HexFormat.of();

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.addMessageHandler(String.class, command -> {
            try {
                if (command.startsWith("ping ")) {
                    session.getBasicRemote().sendPing(ByteBuffer.wrap(HEX.parseHex(command.substring(5))));
                } else if (command.startsWith("close ")) {
                    String[] words = command.split(" ", 3);
                    int code = Integer.parseInt(words[1]);
                    String reason = words.length > 2 ? words[2] : "";
                    session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
                } else if (command.equals(SECURE_COMMAND)) {
                    session.getBasicRemote().sendText(SECURE_COMMAND + " " + session.isSecure() + " "
                            + session.getRequestURI().getScheme());
                } else if (command.equals(NegotiatedExtensions.COMMAND)) {
                    session.getBasicRemote().sendText(NegotiatedExtensions.COMMAND + " "
                            + NegotiatedExtensions.header(session.getNegotiatedExtensions()));
                } else {
                    session.getBasicRemote().sendText("unknown command: " + command);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        session.addMessageHandler(PongMessage.class, pong -> {
            try {
                session.getBasicRemote().sendText("pong " + HEX.formatHex(InteropPayloads.toArray(pong.getApplicationData())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        List<String> client = session.getRequestParameterMap().get(ServerCloses.CLIENT_PARAMETER);
        ServerCloses closes = (ServerCloses) session.getUserProperties().get(ServerCloses.USER_PROPERTY);
        if (client != null && closes != null) {
            closes.record(client.get(0), closeReason);
        }
    }
}
