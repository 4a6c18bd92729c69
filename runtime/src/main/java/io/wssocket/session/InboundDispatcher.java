package io.wssocket.session;

import io.wssocket.message.MessageBuffer;
import io.wssocket.protocol.WebSocketListener;
import io.wssocket.transport.Connection;
import io.wssocket.wire.CloseCodes;
import io.wssocket.wire.ProtocolViolationException;
import jakarta.websocket.DecodeException;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * Turns message pieces from the event loop into calls of the session's message handlers on the
 * session's serial executor. Whole messages are gathered here (on the loop) so endpoint code gets
 * them in one piece; partial handlers get each piece as it arrives. When too many messages wait
 * for endpoint code, reading from the socket pauses until they are handled.
 */
final class InboundDispatcher implements WebSocketListener {
    private static final System.Logger LOG = System.getLogger(InboundDispatcher.class.getName());

    private static final AtomicIntegerFieldUpdater<InboundDispatcher> PENDING =
            AtomicIntegerFieldUpdater.newUpdater(InboundDispatcher.class, "pending");

    private final WsSession session;
    private final MessageHandlers handlers;
    private final SerialExecutor serial;
    private final Connection connection;
    private final int maxPending;
    /** Messages handed to the serial executor, not yet handled; a plain field: one object less per session. */
    private volatile int pending;
    /** Whether this dispatcher holds a cork on the connection; serial executor only. */
    private boolean corked;

    // Event loop only. The buffers are made when a message first arrives in pieces: an idle session has none.
    private MessageBuffer textBuffer;
    private MessageBuffer binaryBuffer;
    private boolean warnedUnhandled;
    private MessageHandlers.Registration textTarget;
    private MessageHandlers.Registration binaryTarget;
    private PartialText partialText;

    InboundDispatcher(WsSession session, MessageHandlers handlers, SerialExecutor serial, Connection connection,
                      int maxPending) {
        this.session = session;
        this.handlers = handlers;
        this.serial = serial;
        this.connection = connection;
        this.maxPending = maxPending;
    }

    @Override
    public void onText(ByteBuffer chunk, boolean first, boolean last) throws ProtocolViolationException {
        if (first) {
            // The handler in place when a message starts receives all of it.
            textTarget = handlers.text();
            if (textTarget == null) {
                unhandled("text");
            }
        }
        MessageHandlers.Registration target = textTarget;
        if (target == null) {
            return; // the rest of a message no handler takes (the wire layer still checks its UTF-8)
        }
        if (target.partial()) {
            if (partialText == null) {
                partialText = new PartialText();
            }
            String part = partialText.decode(chunk, last);
            deliver(target, part, last);
            return;
        }
        String text;
        if (first && last) {
            checkSize(chunk.remaining(), session.getMaxTextMessageBufferSize(), "text");
            text = MessageBuffer.text(chunk, connection.loop().scratch());
        } else {
            if (textBuffer == null) {
                textBuffer = new MessageBuffer();
            }
            checkSize(textBuffer.length() + (long) chunk.remaining(), session.getMaxTextMessageBufferSize(), "text");
            textBuffer.append(chunk);
            if (!last) {
                return;
            }
            text = textBuffer.takeText();
        }
        deliver(target, text, true);
    }

    @Override
    public void onBinary(ByteBuffer chunk, boolean first, boolean last) throws ProtocolViolationException {
        if (first) {
            binaryTarget = handlers.binary();
            if (binaryTarget == null) {
                unhandled("binary");
            }
        }
        MessageHandlers.Registration target = binaryTarget;
        if (target == null) {
            return;
        }
        byte[] bytes;
        if (target.partial()) {
            bytes = MessageBuffer.bytes(chunk);
        } else if (first && last) {
            checkSize(chunk.remaining(), session.getMaxBinaryMessageBufferSize(), "binary");
            bytes = MessageBuffer.bytes(chunk);
        } else {
            if (binaryBuffer == null) {
                binaryBuffer = new MessageBuffer();
            }
            checkSize(binaryBuffer.length() + (long) chunk.remaining(), session.getMaxBinaryMessageBufferSize(), "binary");
            binaryBuffer.append(chunk);
            if (!last) {
                return;
            }
            bytes = binaryBuffer.takeBytes();
        }
        // Whole messages are converted on the serial executor (MessageHandlers.convert); pieces here.
        Object message = target.partial() && target.payload() == MessageHandlers.Payload.BYTE_BUFFER
                ? ByteBuffer.wrap(bytes) : bytes;
        deliver(target, message, last);
    }

    /**
     * A message arrived while no handler for its type was registered: it is dropped and the
     * session stays open, as in the reference implementation. Handlers may be added at any time
     * (a client typically adds them after connectToServer returns, while the server may already
     * be sending), so such a message is not a protocol error; closing with 1003 would turn that
     * race into a lost connection. Logged at WARNING once per session, then at DEBUG.
     */
    private void unhandled(String type) {
        System.Logger.Level level = warnedUnhandled ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING;
        warnedUnhandled = true;
        LOG.log(level, () -> "session " + session.getId() + ": a " + type + " message arrived while no " + type
                + " message handler was registered; dropped");
    }

    private static void checkSize(long size, int limit, String kind) throws ProtocolViolationException {
        if (size > limit) {
            throw new ProtocolViolationException(CloseCodes.MESSAGE_TOO_BIG,
                    kind + " message of at least " + size + " bytes exceeds the session's buffer size of " + limit);
        }
    }

    @Override
    public void onPong(ByteBuffer payload) {
        MessageHandlers.Registration target = handlers.pong();
        if (target != null) {
            ByteBuffer copy = ByteBuffer.wrap(MessageBuffer.bytes(payload)).asReadOnlyBuffer();
            PongMessage pong = () -> copy.duplicate();
            deliver(target, pong, true);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void deliver(MessageHandlers.Registration target, Object message, boolean last) {
        if (PENDING.incrementAndGet(this) > maxPending) {
            connection.suspendReads();
        }
        serial.execute(() -> {
            cork();
            try {
                if (target.partial()) {
                    ((MessageHandler.Partial) target.handler()).onMessage(message, last);
                } else {
                    ((MessageHandler.Whole) target.handler()).onMessage(handlers.convert(target, message));
                }
            } catch (DecodeException | RuntimeException e) {
                session.onEndpointError(e);
            } catch (Error e) {
                session.onEndpointFailure(e);
            } finally {
                int left = PENDING.decrementAndGet(this);
                if (left == maxPending / 2) {
                    connection.resumeReads();
                }
                if (left == 0) {
                    uncork();
                }
            }
        });
    }

    /**
     * While messages wait, the connection stays corked: the replies that their handlers send leave
     * together when the last one is handled, in one write instead of one each (the connection
     * bounds what it holds, and flushes it if a handler blocks). Serial executor.
     */
    private void cork() {
        if (!corked) {
            corked = true;
            connection.cork();
        }
    }

    private void uncork() {
        if (corked) {
            corked = false;
            connection.uncork();
        }
    }

    @Override
    public void onClosed(int code, String reason) {
        serial.execute(() -> session.onClosed(code, reason));
    }

    @Override
    public void onTransportError(Throwable error) {
        serial.execute(() -> session.onEndpointError(error));
    }

    /** Decodes UTF-8 pieces to whole characters, carrying a character split across pieces over. */
    private static final class PartialText {
        private final byte[] carry = new byte[3];
        private int carried;

        String decode(ByteBuffer chunk, boolean last) {
            int n = chunk.remaining();
            byte[] bytes = new byte[carried + n];
            System.arraycopy(carry, 0, bytes, 0, carried);
            chunk.get(chunk.position(), bytes, carried, n);
            int end = last ? bytes.length : completeLength(bytes);
            carried = bytes.length - end;
            System.arraycopy(bytes, end, carry, 0, carried);
            return new String(bytes, 0, end, java.nio.charset.StandardCharsets.UTF_8);
        }

        /** Length of the prefix that ends on a character boundary (input already validated). */
        private static int completeLength(byte[] b) {
            for (int back = 1; back <= Math.min(3, b.length); back++) {
                int lead = b[b.length - back] & 0xFF;
                if (lead < 0x80) {
                    return b.length; // ASCII: boundary
                }
                if (lead >= 0xC0) {
                    int size = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
                    return size > back ? b.length - back : b.length;
                }
            }
            return b.length;
        }
    }
}
