package io.wssocket.session;

import io.wssocket.spi.SessionInstances;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.EndpointConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The decoders of one endpoint configuration, analysed once at deployment (the type each decodes,
 * how it reads, a constructor handle), and the decoding of one message with a session's instances
 * (Jakarta WebSocket 2.2 §3.2, §4.7). Used by annotated endpoints for their message parameters and
 * by the session for message handlers of custom types ({@code Session.addMessageHandler}).
 */
public final class DecoderSet {
    private static final System.Logger LOG = System.getLogger(DecoderSet.class.getName());
    private static final DecoderSet NONE = new DecoderSet(List.of());

    enum Form {
        TEXT(Decoder.Text.class, true), TEXT_STREAM(Decoder.TextStream.class, true),
        BINARY(Decoder.Binary.class, false), BINARY_STREAM(Decoder.BinaryStream.class, false);

        final Class<?> api;
        final boolean text;

        Form(Class<?> api, boolean text) {
            this.api = api;
            this.text = text;
        }
    }

    record Entry(Class<?> decoderClass, Class<?> objectType, Form form, MethodHandle constructor) {
    }

    private final List<Entry> entries;

    private DecoderSet(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static DecoderSet none() {
        return NONE;
    }

    /**
     * @param owner names the endpoint in error messages
     * @throws DeploymentException when a decoder cannot be created or its object type not known
     */
    public static DecoderSet of(String owner, List<Class<? extends Decoder>> decoderClasses) throws DeploymentException {
        if (decoderClasses == null || decoderClasses.isEmpty()) {
            return NONE;
        }
        List<Entry> entries = new ArrayList<>();
        for (Class<? extends Decoder> type : decoderClasses) {
            if (type == null) {
                continue; // a configuration built with a null in its decoder list
            }
            Form form = null;
            for (Form f : Form.values()) {
                if (f.api.isAssignableFrom(type)) {
                    form = f;
                    break;
                }
            }
            if (form == null) {
                throw new DeploymentException("endpoint " + owner + ": decoder " + type.getName()
                        + " implements none of Decoder.Text, TextStream, Binary, BinaryStream (Jakarta WebSocket 2.2 §3.2)");
            }
            Class<?> objectType = HandlerTypes.typeArgument(type, form.api);
            if (objectType == null) {
                throw new DeploymentException("endpoint " + owner + ": cannot tell which type decoder " + type.getName()
                        + " decodes; give the Decoder interface a concrete type argument");
            }
            entries.add(new Entry(type, objectType, form, EncoderSet.constructorOf(owner, "decoder", type)));
        }
        return new DecoderSet(entries);
    }

    /** Indices of the decoders of text (or binary) messages whose result fits {@code parameterType}, in declared order. */
    public int[] decodersFor(Class<?> parameterType, boolean text) {
        return IntStream.range(0, entries.size())
                .filter(i -> entries.get(i).form().text == text && parameterType.isAssignableFrom(entries.get(i).objectType()))
                .toArray();
    }

    /**
     * New decoder instances for one session, initialised (Jakarta WebSocket 2.2 §3.2).
     *
     * @param session creates them and releases them when the session ends
     */
    public Decoder[] open(EndpointConfig config, SessionInstances session) {
        Decoder[] decoders = new Decoder[entries.size()];
        for (int i = 0; i < decoders.length; i++) {
            Entry entry = entries.get(i);
            decoders[i] = (Decoder) EncoderSet.instantiate(session, entry.decoderClass(), entry.constructor(), "decoder");
            decoders[i].init(config);
        }
        return decoders;
    }

    public static void destroy(Decoder[] decoders) {
        for (Decoder decoder : decoders) {
            try {
                decoder.destroy();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "destroy of decoder " + decoder.getClass().getName() + " threw", e);
            }
        }
    }

    /** Decodes a whole text message with the first of {@code candidates} that will (§4.7: text decoders in declared order). */
    public static Object decodeText(int[] candidates, String text, Decoder[] decoders) throws DecodeException {
        for (int i : candidates) {
            Decoder decoder = decoders[i];
            if (decoder instanceof Decoder.Text) {
                Decoder.Text<?> d = (Decoder.Text<?>) decoder;
                if (d.willDecode(text)) {
                    return d.decode(text);
                }
            } else {
                return decodeTextStream(i, new StringReader(text), decoders, text);
            }
        }
        throw new DecodeException(text, "no decoder of this endpoint will decode the text message");
    }

    /**
     * Whether the first of {@code candidates} reads a stream ({@code Decoder.TextStream} or
     * {@code BinaryStream}): having no {@code willDecode}, it takes every message, so the message can
     * be streamed into it as it arrives instead of gathered first.
     */
    public boolean streams(int[] candidates) {
        if (candidates.length == 0) {
            return false;
        }
        Form form = entries.get(candidates[0]).form();
        return form == Form.TEXT_STREAM || form == Form.BINARY_STREAM;
    }

    /**
     * Decodes a text message read as it arrives with the {@code Decoder.TextStream} at {@code index}
     * (a failure to read names no text: the message was never whole).
     */
    public static Object decodeTextStream(int index, Reader reader, Decoder[] decoders) throws DecodeException {
        return decodeTextStream(index, reader, decoders, "");
    }

    private static Object decodeTextStream(int index, Reader reader, Decoder[] decoders, String text) throws DecodeException {
        Decoder decoder = decoders[index];
        try {
            return ((Decoder.TextStream<?>) decoder).decode(reader);
        } catch (IOException e) {
            throw new DecodeException(text, "decoder " + decoder.getClass().getName() + " failed to read", e);
        }
    }

    /** As {@link #decodeTextStream(int, Reader, Decoder[])}, for a binary message and its {@code Decoder.BinaryStream}. */
    public static Object decodeBinaryStream(int index, InputStream in, Decoder[] decoders) throws DecodeException {
        return decodeBinaryStream(index, in, decoders, ByteBuffer.allocate(0));
    }

    private static Object decodeBinaryStream(int index, InputStream in, Decoder[] decoders, ByteBuffer bytes) throws DecodeException {
        Decoder decoder = decoders[index];
        try {
            return ((Decoder.BinaryStream<?>) decoder).decode(in);
        } catch (IOException e) {
            throw new DecodeException(bytes, "decoder " + decoder.getClass().getName() + " failed to read", e);
        }
    }

    /** Decodes a whole binary message with the first of {@code candidates} that will. */
    public static Object decodeBinary(int[] candidates, ByteBuffer bytes, Decoder[] decoders) throws DecodeException {
        for (int i : candidates) {
            Decoder decoder = decoders[i];
            if (decoder instanceof Decoder.Binary) {
                Decoder.Binary<?> d = (Decoder.Binary<?>) decoder;
                if (d.willDecode(bytes.duplicate())) {
                    return d.decode(bytes.duplicate());
                }
            } else {
                ByteBuffer copy = bytes.duplicate();
                byte[] array = new byte[copy.remaining()];
                copy.get(array);
                return decodeBinaryStream(i, new ByteArrayInputStream(array), decoders, bytes);
            }
        }
        throw new DecodeException(bytes, "no decoder of this endpoint will decode the binary message");
    }
}
