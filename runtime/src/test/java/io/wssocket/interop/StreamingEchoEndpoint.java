package io.wssocket.interop;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * Partial handlers that send every piece back as it arrives, before the next one: a message is
 * sent in parts across several handler calls, which the runtime may run on different threads.
 */
public class StreamingEchoEndpoint extends Endpoint {

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        RemoteEndpoint.Basic remote = session.getBasicRemote();
        session.addMessageHandler(String.class, (MessageHandler.Partial<String>) (part, last) -> {
            try {
                remote.sendText(part, last);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        session.addMessageHandler(ByteBuffer.class, (MessageHandler.Partial<ByteBuffer>) (part, last) -> {
            try {
                remote.sendBinary(part, last);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
