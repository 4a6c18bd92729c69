package io.wssocket.session;

import io.wssocket.message.MessageStream;
import io.wssocket.spi.SessionInstances;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The message handlers of one session: at most one per native message type (text, binary, pong),
 * as Jakarta WebSocket 2.2 §2.1.3 requires. Reads come from the event loop, writes from user
 * threads; each slot is a volatile reference to an immutable registration. A handler of another
 * type is served by the endpoint configuration's decoders (§2.1.3 with §3.2), whose instances for
 * this session are made when the first such handler is added.
 */
final class MessageHandlers {

    /** What a handler receives, decided once when it is added. */
    enum Payload { STRING, READER, DECODED_TEXT, BYTE_BUFFER, BYTE_ARRAY, INPUT_STREAM, DECODED_BINARY, PONG }

    /**
     * @param decoderIndexes for DECODED_*: the candidate decoders, in declared order
     * @param streamed whether whole messages are read by the handler (or its stream decoder) as they
     *     arrive, not gathered first: Reader, InputStream, or a first candidate that is a stream decoder
     */
    record Registration(MessageHandler handler, Payload payload, boolean partial, int[] decoderIndexes,
                        boolean streamed) {
    }

    private final DecoderSet decoderSet;
    private final EndpointConfig config;
    private final SessionInstances instances;
    private volatile Decoder[] decoders;
    private volatile Registration text;
    private volatile Registration binary;
    private volatile Registration pong;

    MessageHandlers(DecoderSet decoderSet, EndpointConfig config, SessionInstances instances) {
        this.decoderSet = decoderSet;
        this.config = config;
        this.instances = instances;
    }

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
        // The endpoint's own decoders for a type come before the built-in forms (Reader, InputStream,
        // String...): the TCK (session11, AlternativeReaderDecoder) expects a Reader decoder to be used.
        Payload payload = partial || type == PongMessage.class || decoderSet.decodersFor(type, true).length
                + decoderSet.decodersFor(type, false).length == 0 ? payloadOf(type, partial) : null;
        int[] candidates = null;
        if (payload == null) {
            // Text decoders first, as for annotated endpoints; a type with only binary decoders is binary.
            candidates = decoderSet.decodersFor(type, true);
            payload = Payload.DECODED_TEXT;
            if (candidates.length == 0) {
                candidates = decoderSet.decodersFor(type, false);
                payload = Payload.DECODED_BINARY;
            }
            if (partial || candidates.length == 0) {
                throw new IllegalStateException("no decoder for message type " + type.getName() + (partial
                        ? " in a partial handler (allowed: String, ByteBuffer, byte[])"
                        : "; list one in the endpoint's decoders (Jakarta WebSocket 2.2 §3.2)"));
            }
        }
        if (candidates != null) {
            decoders(); // §3.2: the session's decoder instances are initialised before they decode
        }
        boolean streamed = !partial && (payload == Payload.READER || payload == Payload.INPUT_STREAM
                || candidates != null && decoderSet.streams(candidates));
        Registration registration = new Registration(handler, payload, partial, candidates, streamed);
        switch (payload) {
            case STRING:
            case READER:
            case DECODED_TEXT:
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
        if (type == Reader.class && !partial) {
            return Payload.READER;
        }
        if (type == InputStream.class && !partial) {
            return Payload.INPUT_STREAM;
        }
        if (type == ByteBuffer.class) {
            return Payload.BYTE_BUFFER;
        }
        if (type == byte[].class) {
            return Payload.BYTE_ARRAY;
        }
        if (type == PongMessage.class) {
            if (partial) {
                throw new IllegalStateException("a pong message handler must be MessageHandler.Whole (Jakarta WebSocket 2.2 §2.1.3)");
            }
            return Payload.PONG;
        }
        return null;
    }

    /**
     * Serial executor: what the handler of {@code registration} receives for a whole message
     * delivered as a String (text) or a byte[] (binary). Reader and InputStream handlers are not
     * given gathered messages: the dispatcher streams to them.
     */
    Object convert(Registration registration, Object delivered) throws DecodeException {
        switch (registration.payload()) {
            case BYTE_BUFFER:
                return ByteBuffer.wrap((byte[]) delivered);
            case DECODED_TEXT:
                return DecoderSet.decodeText(registration.decoderIndexes(), (String) delivered, decoders());
            case DECODED_BINARY:
                return DecoderSet.decodeBinary(registration.decoderIndexes(), ByteBuffer.wrap((byte[]) delivered), decoders());
            default:
                return delivered;
        }
    }

    /**
     * Serial executor: what the handler of a {@linkplain Registration#streamed() streamed}
     * registration receives for a message read from {@code stream} as it arrives: the stream
     * itself, or what its stream decoder made of it (the decoder reads it to its end, or as far
     * as it likes; the rest is discarded).
     */
    Object streamed(Registration registration, MessageStream stream) throws DecodeException {
        switch (registration.payload()) {
            case READER:
                return stream.reader();
            case INPUT_STREAM:
                return stream.inputStream();
            case DECODED_TEXT:
                return DecoderSet.decodeTextStream(registration.decoderIndexes()[0], stream.reader(), decoders());
            default:
                return DecoderSet.decodeBinaryStream(registration.decoderIndexes()[0], stream.inputStream(), decoders());
        }
    }

    /** This session's decoder instances, made and initialised on first use. */
    private Decoder[] decoders() {
        Decoder[] d = decoders;
        if (d == null) {
            synchronized (this) {
                d = decoders;
                if (d == null) {
                    d = decoderSet.open(config, instances);
                    decoders = d;
                }
            }
        }
        return d;
    }

    /** Serial executor, when the session has closed: destroys the decoder instances, if any were made. */
    synchronized void destroyDecoders() {
        if (decoders != null) {
            DecoderSet.destroy(decoders);
            decoders = null;
        }
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
