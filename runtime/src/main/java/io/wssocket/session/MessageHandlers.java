package io.wssocket.session;

import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The message handlers of one session: at most one per native message type (text, binary, pong),
 * as Jakarta WebSocket 2.2 §2.1.3 requires. Reads come from the event loop, writes from user
 * threads; each slot is a volatile reference to an immutable registration.
 */
final class MessageHandlers {

    /** What a handler receives, decided once when it is added. */
    enum Payload { STRING, BYTE_BUFFER, BYTE_ARRAY, PONG }

    record Registration(MessageHandler handler, Payload payload, boolean partial) {
    }

    private volatile Registration text;
    private volatile Registration binary;
    private volatile Registration pong;

    Registration text() {
        return text;
    }

    Registration binary() {
        return binary;
    }

    Registration pong() {
        return pong;
    }

    synchronized void add(Class<?> type, MessageHandler handler) {
        boolean partial = HandlerTypes.isPartial(handler);
        Payload payload = payloadOf(type, partial);
        Registration registration = new Registration(handler, payload, partial);
        switch (payload) {
            case STRING:
                text = checkFree(text, "text", handler, registration);
                break;
            case PONG:
                pong = checkFree(pong, "pong", handler, registration);
                break;
            default:
                binary = checkFree(binary, "binary", handler, registration);
        }
    }

    private static Registration checkFree(Registration current, String kind, MessageHandler handler, Registration next) {
        if (current != null) {
            throw new IllegalStateException("a " + kind + " message handler is already registered ("
                    + current.handler().getClass().getName() + "); remove it before adding "
                    + handler.getClass().getName());
        }
        return next;
    }

    private static Payload payloadOf(Class<?> type, boolean partial) {
        if (type == String.class) {
            return Payload.STRING;
        }
        if (type == ByteBuffer.class) {
            return Payload.BYTE_BUFFER;
        }
        if (type == byte[].class) {
            return Payload.BYTE_ARRAY;
        }
        if (type == PongMessage.class && !partial) {
            return Payload.PONG;
        }
        throw new IllegalStateException("no decoder for message type " + type.getName()
                + (partial ? " in a partial handler (allowed: String, ByteBuffer, byte[])" : ""));
    }

    synchronized void remove(MessageHandler handler) {
        if (text != null && text.handler() == handler) {
            text = null;
        }
        if (binary != null && binary.handler() == handler) {
            binary = null;
        }
        if (pong != null && pong.handler() == handler) {
            pong = null;
        }
    }

    synchronized Set<MessageHandler> all() {
        Set<MessageHandler> all = new LinkedHashSet<>();
        for (Registration r : new Registration[] {text, binary, pong}) {
            if (r != null) {
                all.add(r.handler());
            }
        }
        return Collections.unmodifiableSet(all);
    }
}
