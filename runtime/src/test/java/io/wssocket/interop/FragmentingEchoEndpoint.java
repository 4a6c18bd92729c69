package io.wssocket.interop;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;

/** Takes whole messages and sends each back in three parts with the partial sends of the basic remote. */
public class FragmentingEchoEndpoint extends Endpoint {
    static final int PARTS = 3;

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        RemoteEndpoint.Basic remote = session.getBasicRemote();
        session.addMessageHandler(String.class, text -> {
            List<String> parts = InteropPayloads.split(text, PARTS);
            try {
                for (int i = 0; i < parts.size(); i++) {
                    remote.sendText(parts.get(i), i == parts.size() - 1);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        session.addMessageHandler(byte[].class, data -> {
            List<ByteBuffer> parts = InteropPayloads.split(data, PARTS);
            try {
                for (int i = 0; i < parts.size(); i++) {
                    remote.sendBinary(parts.get(i), i == parts.size() - 1);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
