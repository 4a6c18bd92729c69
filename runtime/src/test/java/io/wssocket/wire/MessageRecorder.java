package io.wssocket.wire;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A {@link WebSocketReader.Listener} that gathers message pieces into whole messages and records
 * what the peer sent as a list of events, ending with a {@link Failure} when the reader threw.
 * It also checks the listener contract (first/last flags) and notes every data chunk that is not
 * a slice of the input buffer it came from.
 */
public final class MessageRecorder implements WebSocketReader.Listener {

    /** How a reader is configured. */
    public record ReaderConfig(boolean serverSide, long maxFramePayload, long maxMessageSize, int allowedRsv) {
        public static final ReaderConfig SERVER = new ReaderConfig(true, 1 << 20, 1 << 20, 0);
        public static final ReaderConfig CLIENT = new ReaderConfig(false, 1 << 20, 1 << 20, 0);

        public ReaderConfig maxMessageSize(long size) {
            return new ReaderConfig(serverSide, maxFramePayload, size, allowedRsv);
        }

        public ReaderConfig maxFramePayload(long size) {
            return new ReaderConfig(serverSide, size, maxMessageSize, allowedRsv);
        }
    }

    public sealed interface Event permits Text, Binary, Ping, Pong, Close, Failure {
    }

    public record Text(String text) implements Event {
        @Override
        public String toString() {
            return "Text(" + abbreviated(text) + ")";
        }
    }

    public record Binary(String hex) implements Event {
        public static Binary of(byte[] bytes) {
            return new Binary(HexFormat.of().formatHex(bytes));
        }

        @Override
        public String toString() {
            return "Binary(" + abbreviated(hex) + ")";
        }
    }

    public record Ping(String hex) implements Event {
        public static Ping of(byte[] bytes) {
            return new Ping(HexFormat.of().formatHex(bytes));
        }
    }

    public record Pong(String hex) implements Event {
        public static Pong of(byte[] bytes) {
            return new Pong(HexFormat.of().formatHex(bytes));
        }
    }

    public record Close(int code, String reason) implements Event {
    }

    public record Failure(int closeCode) implements Event {
    }

    /** Long contents shortened in failure messages, which otherwise get huge (and slow while shrinking). */
    private static String abbreviated(String s) {
        return s.length() <= 80 ? '"' + s + '"'
                : '"' + s.substring(0, 40) + "\"... " + s.length() + " chars, hash " + Integer.toHexString(s.hashCode());
    }

    private final List<Event> events = new ArrayList<>();
    private final List<String> copiedChunks = new ArrayList<>();
    private ByteArrayOutputStream message;
    private boolean messageIsText;
    private int dataChunks;
    private long deliveredBytes;

    /** The input currently being read, to tell slices from copies. */
    private ByteBuffer input;
    private int inputStart;
    private int inputEnd;

    /**
     * Reads {@code bytes} with a new reader, handing it chunks of the given sizes (the rest in one
     * last chunk), each a window onto one copy of {@code bytes}: the reader unmasks in place.
     * Stops at the first violation.
     */
    public static MessageRecorder read(ReaderConfig config, byte[] bytes, List<Integer> chunkSizes) {
        return read(config, bytes, chunkSizes, false, ByteOrder.BIG_ENDIAN);
    }

    public static MessageRecorder read(ReaderConfig config, byte[] bytes, List<Integer> chunkSizes, boolean direct,
            ByteOrder order) {
        return read(config, WebSocketReader.DEFAULT_MAX_FRAMES_PER_MESSAGE, bytes, chunkSizes, direct, order);
    }

    /** As {@link #read(ReaderConfig, byte[], List, boolean, ByteOrder)}, with a limit on the frames of one message. */
    public static MessageRecorder read(ReaderConfig config, int maxFramesPerMessage, byte[] bytes, List<Integer> chunkSizes,
            boolean direct, ByteOrder order) {
        return read(config, null, false, maxFramesPerMessage, bytes, chunkSizes, direct, order);
    }

    /**
     * As {@link #read(ReaderConfig, int, byte[], List, boolean, ByteOrder)} with permessage-deflate
     * negotiated: compressed messages are inflated with the pool's inflaters (or a connection's own
     * when the peer takes context over); the reader is released at the end, as a closing connection's is.
     */
    public static MessageRecorder readInflating(ReaderConfig config, ZlibPool pool, boolean peerTakesContextOver,
            byte[] bytes, List<Integer> chunkSizes) {
        return read(config, pool, peerTakesContextOver, WebSocketReader.DEFAULT_MAX_FRAMES_PER_MESSAGE, bytes,
                chunkSizes, false, ByteOrder.BIG_ENDIAN);
    }

    private static MessageRecorder read(ReaderConfig config, ZlibPool pool, boolean peerTakesContextOver,
            int maxFramesPerMessage, byte[] bytes, List<Integer> chunkSizes, boolean direct, ByteOrder order) {
        MessageRecorder recorder = new MessageRecorder();
        WebSocketReader reader = new WebSocketReader(
                new FrameParser(config.serverSide(), config.maxFramePayload(), config.allowedRsv()),
                config.maxMessageSize(), maxFramesPerMessage, recorder);
        if (pool != null) {
            reader.inflateMessages(pool, peerTakesContextOver, config.serverSide(), config.maxFramePayload());
        }
        try {
            recorder.readAll(reader, bytes, chunkSizes, direct, order);
        } finally {
            reader.release();
        }
        return recorder;
    }

    private void readAll(WebSocketReader reader, byte[] bytes, List<Integer> chunkSizes, boolean direct,
            ByteOrder order) {
        MessageRecorder recorder = this;
        ByteBuffer all;
        if (direct) {
            all = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        } else {
            all = ByteBuffer.wrap(bytes.clone());
        }
        int offset = 0;
        List<Integer> sizes = new ArrayList<>(chunkSizes);
        sizes.add(bytes.length - sizes.stream().mapToInt(Integer::intValue).sum());
        for (int size : sizes) {
            ByteBuffer chunk = all.duplicate().order(order).limit(offset + size).position(offset);
            recorder.input = chunk;
            recorder.inputStart = offset;
            recorder.inputEnd = offset + size;
            offset += size;
            try {
                reader.read(chunk);
            } catch (ProtocolViolationException e) {
                recorder.events.add(new Failure(e.closeCode()));
                return;
            }
            if (chunk.hasRemaining()) {
                throw new AssertionError("read() left " + chunk.remaining() + " bytes of its chunk");
            }
        }
    }

    /** Data bytes handed to the listener so far, finished messages and the unfinished one together. */
    public long deliveredBytes() {
        return deliveredBytes;
    }

    public static MessageRecorder read(ReaderConfig config, byte[] bytes) {
        return read(config, bytes, List.of());
    }

    public List<Event> events() {
        return events;
    }

    /** Descriptions of data chunks that were not a window onto the input being read. */
    public List<String> copiedChunks() {
        return copiedChunks;
    }

    public int dataChunks() {
        return dataChunks;
    }

    /** The bytes of the data message that was started and not finished (empty if none). */
    private byte[] unfinishedMessage() {
        return message == null ? new byte[0] : message.toByteArray();
    }

    private boolean unfinishedMessageIsText() {
        return message != null && messageIsText;
    }

    /**
     * Whether the part of an unfinished text message delivered so far can still be completed to
     * valid UTF-8: the reader fails at the first bad byte (RFC 6455 §8.1) and delivers nothing
     * past it.
     */
    public boolean deliveredTextCanBeCompleted() {
        return !unfinishedMessageIsText() || Utf8Reference.canBeCompleted(unfinishedMessage());
    }

    @Override
    public void onText(ByteBuffer chunk, boolean first, boolean last) {
        onData(true, chunk, first, last);
    }

    @Override
    public void onBinary(ByteBuffer chunk, boolean first, boolean last) {
        onData(false, chunk, first, last);
    }

    private void onData(boolean text, ByteBuffer chunk, boolean first, boolean last) {
        dataChunks++;
        deliveredBytes += chunk.remaining();
        checkSlice(chunk);
        if (first != (message == null)) {
            throw new AssertionError("first=" + first + " but a message was " + (message == null ? "not " : "") + "open");
        }
        if (first) {
            message = new ByteArrayOutputStream();
            messageIsText = text;
        } else if (messageIsText != text) {
            throw new AssertionError("message changed kind midway");
        }
        message.writeBytes(bytesOf(chunk));
        if (last) {
            byte[] whole = message.toByteArray();
            message = null;
            events.add(text ? new Text(new String(whole, StandardCharsets.UTF_8)) : Binary.of(whole));
        }
    }

    @Override
    public void onPing(ByteBuffer payload) {
        events.add(Ping.of(bytesOf(payload)));
    }

    @Override
    public void onPong(ByteBuffer payload) {
        events.add(Pong.of(bytesOf(payload)));
    }

    @Override
    public void onClose(int code, String reason) {
        events.add(new Close(code, reason));
    }

    private void checkSlice(ByteBuffer chunk) {
        // Compare absolute places in the backing store, so a slice() or duplicate() also counts.
        int shift;
        if (input == null) {
            return; // fed by a test's own reader, not by read(...)
        }
        if (input.hasArray()) {
            if (!chunk.hasArray() || chunk.array() != input.array()) {
                copiedChunks.add("chunk of " + chunk.remaining() + " bytes in another buffer");
                return;
            }
            shift = chunk.arrayOffset() - input.arrayOffset();
        } else if (chunk == input) {
            shift = 0;
        } else {
            copiedChunks.add("chunk of " + chunk.remaining() + " bytes in another buffer than the direct input");
            return;
        }
        int from = chunk.position() + shift;
        int to = chunk.limit() + shift;
        if (from < inputStart || to > inputEnd) {
            copiedChunks.add("chunk [" + from + ", " + to + ") outside input [" + inputStart + ", " + inputEnd + ")");
        }
    }

    /** The remaining bytes, without moving the buffer's position. */
    private static byte[] bytesOf(ByteBuffer buf) {
        byte[] bytes = new byte[buf.remaining()];
        buf.duplicate().get(bytes);
        return bytes;
    }
}
