package io.wssocket.interop;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;

/** A programmatic client endpoint that records what it receives, with whole or with partial message handlers. */
public class RecordingClientEndpoint extends Endpoint {
    /** Which kind of message handler the endpoint registers for text and binary messages. */
    enum Handlers {
        WHOLE, PARTIAL
    }

    private final EventRecorder recorder;
    private final Handlers handlers;

    RecordingClientEndpoint(EventRecorder recorder, Handlers handlers) {
        this.recorder = recorder;
        this.handlers = handlers;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        if (handlers == Handlers.WHOLE) {
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) recorder::wholeText);
            session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) recorder::wholeBinary);
        } else {
            session.addMessageHandler(String.class, (MessageHandler.Partial<String>) recorder::textPiece);
            session.addMessageHandler(ByteBuffer.class, (MessageHandler.Partial<ByteBuffer>) recorder::binaryPiece);
        }
        session.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) recorder::pong);
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        recorder.closed(closeReason);
    }

    @Override
    public void onError(Session session, Throwable error) {
        recorder.error(error);
    }
}
