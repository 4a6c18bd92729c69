package io.wssocket.interop;

import jakarta.websocket.CloseReason;
import jakarta.websocket.PongMessage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Puts what a client endpoint receives into {@link PeerEvents}; the programmatic and the
 * annotated client endpoints of {@link ServerInteropCases} both report through it. Partial
 * messages are gathered here and counted in pieces.
 */
final class EventRecorder {
    private final PeerEvents events = new PeerEvents();

    private final MessageAssembler pieces = new MessageAssembler(events.messages);

    PeerEvents events() {
        return events;
    }

    void wholeText(String message) {
        events.messages.add(new ReceivedMessage(MessageType.TEXT, message.getBytes(StandardCharsets.UTF_8), 1));
    }

    void wholeBinary(ByteBuffer message) {
        events.messages.add(new ReceivedMessage(MessageType.BINARY, InteropPayloads.toArray(message), 1));
    }

    void textPiece(String piece, boolean last) {
        pieces.text(piece, last);
    }

    void binaryPiece(ByteBuffer piece, boolean last) {
        pieces.binary(piece, last);
    }

    void pong(PongMessage pong) {
        events.pongs.add(InteropPayloads.toArray(pong.getApplicationData()));
    }

    void closed(CloseReason reason) {
        events.closed.complete(new CloseStatus(reason.getCloseCode().getCode(), reason.getReasonPhrase()));
    }

    void error(Throwable error) {
        events.error(error);
    }
}
