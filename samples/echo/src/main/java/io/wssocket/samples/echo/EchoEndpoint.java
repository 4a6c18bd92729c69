package io.wssocket.samples.echo;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/** Sends every text and binary message straight back to its sender. */
public class EchoEndpoint extends Endpoint {
    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.addMessageHandler(new MessageHandler.Whole<String>() {
            @Override
            public void onMessage(String text) {
                try {
                    session.getBasicRemote().sendText(text);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        session.addMessageHandler(new MessageHandler.Whole<ByteBuffer>() {
            @Override
            public void onMessage(ByteBuffer data) {
                try {
                    session.getBasicRemote().sendBinary(data);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
    }

    @Override
    public void onError(Session session, Throwable failure) {
        if (session.isOpen()) {
            try {
                session.close(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "echo failed"));
            } catch (IOException ignored) {
                // the connection is gone already
            }
        }
    }
}
