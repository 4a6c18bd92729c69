package io.wssocket.session;

import io.wssocket.spi.SessionInstances;
import io.wssocket.protocol.MessageKind;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;
import jakarta.websocket.EndpointConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One session's encoder instances, used by {@code sendObject} of both remotes: the first encoder
 * whose type fits the object, in the order the configuration lists them, else the built-in
 * conversions (Jakarta WebSocket 2.2 §3.3: strings and primitives as text, ByteBuffer and byte[]
 * as binary).
 */
final class SessionEncoders {
    private static final System.Logger LOG = System.getLogger(SessionEncoders.class.getName());

    /** A whole message ready for the wire. */
    record Encoded(MessageKind kind, ByteBuffer payload) {
    }

    /** The encoders of every session of an endpoint that has none: it holds no instances, so one serves all. */
    static final SessionEncoders NONE = new SessionEncoders();

    private final List<EncoderSet.Entry> entries;
    private final Encoder[] instances;

    private SessionEncoders() {
        this.entries = List.of();
        this.instances = new Encoder[0];
    }

    SessionEncoders(EncoderSet set, SessionInstances session) {
        this.entries = set.entries();
        this.instances = new Encoder[entries.size()];
        for (int i = 0; i < instances.length; i++) {
            EncoderSet.Entry entry = entries.get(i);
            instances[i] = (Encoder) EncoderSet.instantiate(session, entry.encoderClass(), entry.constructor(), "encoder");
        }
    }

    void init(EndpointConfig config) {
        for (Encoder encoder : instances) {
            encoder.init(config);
        }
    }

    void destroy() {
        for (Encoder encoder : instances) {
            try {
                encoder.destroy();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "destroy of encoder " + encoder.getClass().getName() + " threw", e);
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    Encoded encode(Object data) throws EncodeException, IOException {
        if (data == null) {
            throw new IllegalArgumentException("data must not be null");
        }
        for (int i = 0; i < instances.length; i++) {
            EncoderSet.Entry entry = entries.get(i);
            if (!entry.objectType().isInstance(data)) {
                continue;
            }
            switch (entry.form()) {
                case TEXT:
                    return text(((Encoder.Text) instances[i]).encode(data), data, entry);
                case TEXT_STREAM: {
                    StringWriter out = new StringWriter();
                    ((Encoder.TextStream) instances[i]).encode(data, out);
                    return text(out.toString(), data, entry);
                }
                case BINARY: {
                    ByteBuffer bytes = ((Encoder.Binary) instances[i]).encode(data);
                    if (bytes == null) {
                        throw new EncodeException(data, "encoder " + entry.encoderClass().getName() + " returned null");
                    }
                    return new Encoded(MessageKind.BINARY, bytes);
                }
                default: {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    ((Encoder.BinaryStream) instances[i]).encode(data, out);
                    return new Encoded(MessageKind.BINARY, ByteBuffer.wrap(out.toByteArray()));
                }
            }
        }
        return builtIn(data);
    }

    private static Encoded text(String text, Object data, EncoderSet.Entry entry) throws EncodeException {
        if (text == null) {
            throw new EncodeException(data, "encoder " + entry.encoderClass().getName() + " returned null");
        }
        return new Encoded(MessageKind.TEXT, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Strings and primitives as text, byte buffers and arrays as binary. */
    static Encoded builtIn(Object data) throws EncodeException {
        if (data instanceof String || data instanceof Number || data instanceof Boolean || data instanceof Character) {
            return new Encoded(MessageKind.TEXT, RemoteBase.utf8(data.toString()));
        }
        if (data instanceof ByteBuffer) {
            return new Encoded(MessageKind.BINARY, (ByteBuffer) data);
        }
        if (data instanceof byte[]) {
            return new Encoded(MessageKind.BINARY, ByteBuffer.wrap((byte[]) data));
        }
        throw new EncodeException(data, "no encoder for " + data.getClass().getName()
                + "; list one in the endpoint's encoders (Jakarta WebSocket 2.2 §3.3)");
    }
}
