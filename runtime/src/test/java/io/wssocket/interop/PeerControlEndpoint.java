package io.wssocket.interop;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * The control path of a peer server: drives the server side of a case by text commands, and
 * tells a client what the server saw of an earlier connection's close, so that the cases learn it
 * over the wire, as from a server in another process.
 * <ul>
 * <li>{@code ping <hex>}: sends a ping with that payload; every pong is reported as the text
 *     {@code pong <hex>};
 * <li>{@code close <code> <reason>}: closes with that code and reason;
 * <li>{@code closed <client>}: answers {@code closed <code> <reason>} with the close seen by the
 *     connection opened with the query {@code ?client=<client>}, waiting for it up to
 *     {@link #REPORT_WAIT}, else {@code not closed <client>};
 * <li>{@value ControlEndpoint#SECURE_COMMAND}: answers {@code secure true} or {@code secure false},
 *     what the server's session says of {@code isSecure()};
 * <li>{@value NegotiatedExtensions#COMMAND}: answers {@code extensions <negotiated>}, the server
 *     session's {@code getNegotiatedExtensions()} as a header value ({@link NegotiatedExtensions}).
 * </ul>
 * The closes are kept in the {@link ServerCloses} of the endpoint's user properties.
 */
public class PeerControlEndpoint extends Endpoint {
    static final Duration REPORT_WAIT = Duration.ofSeconds(10);
    private static final HexFormat HEX = HexFormat.of();

    private ServerCloses closes;

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        closes = (ServerCloses) config.getUserProperties().get(ServerCloses.USER_PROPERTY);
        session.addMessageHandler(String.class, command -> obey(session, command.split(" ", 3)));
        session.addMessageHandler(PongMessage.class, pong ->
                say(session, "pong " + HEX.formatHex(InteropPayloads.toArray(pong.getApplicationData()))));
    }

    private void obey(Session session, String[] words) {
        String argument = words.length > 1 ? words[1] : "";
        try {
            switch (words[0]) {
                case "ping" -> session.getBasicRemote().sendPing(ByteBuffer.wrap(HEX.parseHex(argument)));
                case "close" -> session.close(new CloseReason(
                        CloseReason.CloseCodes.getCloseCode(Integer.parseInt(argument)), words.length > 2 ? words[2] : ""));
                case "closed" -> say(session, closeReport(argument));
                case ControlEndpoint.SECURE_COMMAND -> say(session, ControlEndpoint.SECURE_COMMAND + " " + session.isSecure());
                case NegotiatedExtensions.COMMAND -> say(session, NegotiatedExtensions.COMMAND + " "
                        + NegotiatedExtensions.header(session.getNegotiatedExtensions()));
                default -> say(session, "unknown command: " + String.join(" ", words));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void say(Session session, String text) {
        try {
            session.getBasicRemote().sendText(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String closeReport(String client) {
        try {
            CloseReason seen = closes.await(client, REPORT_WAIT);
            return "closed " + seen.getCloseCode().getCode() + " " + seen.getReasonPhrase();
        } catch (TimeoutException e) {
            return "not closed " + client;
        } catch (ExecutionException e) {
            return "closed twice " + client;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        List<String> client = session.getRequestParameterMap().get(ServerCloses.CLIENT_PARAMETER);
        if (client != null) {
            closes.record(client.get(0), closeReason);
        }
    }
}
