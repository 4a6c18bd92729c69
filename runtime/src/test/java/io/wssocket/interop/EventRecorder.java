package io.wssocket.interop;

import jakarta.websocket.CloseReason;
import jakarta.websocket.PongMessage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Puts what a client endpoint receives into {@link PeerEvents}; the programmatic and the
 * annotated client endpoints of {@link ServerInteropCases} both report through it. Partial
 * messages are gathered here and counted in pieces.
 */
final class EventRecorder {
    private final PeerEvents events = new PeerEvents();

    // Guarded by this: a container calls partial handlers one at a time, but not always on one thread.
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
    private int pieces;

    PeerEvents events() {
        return events;
    }

    void wholeText(String message) {
        events.messages.add(new ReceivedMessage(MessageType.TEXT, message.getBytes(StandardCharsets.UTF_8), 1));
    }

    void wholeBinary(ByteBuffer message) {
        events.messages.add(new ReceivedMessage(MessageType.BINARY, InteropPayloads.toArray(message), 1));
    }

    synchronized void textPiece(String piece, boolean last) {
        // Gathered as characters and encoded once: a piece may end between the two halves of a surrogate pair.
        text.append(piece);
        pieces++;
        if (last) {
            events.messages.add(new ReceivedMessage(MessageType.TEXT, text.toString().getBytes(StandardCharsets.UTF_8), pieces));
            text.setLength(0);
            pieces = 0;
        }
    }

    synchronized void binaryPiece(ByteBuffer piece, boolean last) {
        binary.writeBytes(InteropPayloads.toArray(piece));
        pieces++;
        if (last) {
            events.messages.add(new ReceivedMessage(MessageType.BINARY, binary.toByteArray(), pieces));
            binary.reset();
            pieces = 0;
        }
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
