package io.wssocket.session;

import io.wssocket.protocol.MessageKind;
import jakarta.websocket.EncodeException;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;

/**
 * Sends that return at once. Each completes within the send timeout or fails, dropping the
 * connection; {@link SendHandler}s are called on the sender's thread when the send completed at
 * once, else on the callback executor, never on an event loop ({@link SendHandlerDispatch}).
 */
final class AsyncRemote extends RemoteBase implements RemoteEndpoint.Async {
    private final Executor callbacks;
    private final Session session;

    /** @param session what each {@link SendResult} names as its session (Jakarta WebSocket 2.2) */
    AsyncRemote(MessageSender sender, SessionEncoders encoders, Executor callbacks, Session session) {
        super(sender, encoders);
        this.callbacks = callbacks;
        this.session = session;
    }

    @Override
    public long getSendTimeout() {
        return sender.sendTimeoutMillis();
    }

    @Override
    public void setSendTimeout(long timeoutMillis) {
        sender.setSendTimeoutMillis(timeoutMillis > 0 ? timeoutMillis : Long.MAX_VALUE / 2);
    }

    @Override
    public void sendText(String text, SendHandler handler) {
        requireHandler(handler);
        notify(sendWholeText(checkedText(text)), handler);
    }

    @Override
    public Future<Void> sendText(String text) {
        return sendWholeText(checkedText(text));
    }

    @Override
    public Future<Void> sendBinary(ByteBuffer data) {
        return send(MessageKind.BINARY, checked(data));
    }

    @Override
    public void sendBinary(ByteBuffer data, SendHandler handler) {
        requireHandler(handler);
        notify(send(MessageKind.BINARY, checked(data)), handler);
    }

    /**
     * An encoder's failure, even an unchecked one, is the outcome of the send: it fails the Future
     * (ExecutionException) or reaches the SendHandler, and is not thrown at the caller
     * (RemoteEndpoint.Async javadoc: "errors in transmission are given to the developer" that way).
     */
    @Override
    public Future<Void> sendObject(Object data) {
        requireData(data);
        try {
            SessionEncoders.Encoded frame = encodeForAsync(data);
            return send(frame.kind(), frame.payload());
        } catch (EncodeException | IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void sendObject(Object data, SendHandler handler) {
        requireHandler(handler);
        requireData(data);
        try {
            SessionEncoders.Encoded frame = encodeForAsync(data);
            notify(send(frame.kind(), frame.payload()), handler);
        } catch (EncodeException | IOException e) {
            callbacks.execute(() -> handler.onResult(new SendResult(session, e)));
        }
    }

    private SessionEncoders.Encoded encodeForAsync(Object data) throws EncodeException, IOException {
        try {
            return encode(data);
        } catch (RuntimeException e) {
            throw new EncodeException(data, "encoding " + data.getClass().getName() + " failed: " + e, e);
        }
    }

    private static void requireData(Object data) {
        if (data == null) {
            throw new IllegalArgumentException("data must not be null");
        }
    }

    private CompletableFuture<Void> send(MessageKind kind, ByteBuffer payload) {
        CompletableFuture<Void> sent;
        try {
            sent = sender.sendWhole(kind, payload);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return sender.withTimeout(sent);
    }

    /** Encoded by the connection straight into its frame: no UTF-8 copy first, and a broadcast's frame is shared. */
    private CompletableFuture<Void> sendWholeText(String text) {
        CompletableFuture<Void> sent;
        try {
            sent = sender.sendText(text);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return sender.withTimeout(sent);
    }

    private void notify(CompletableFuture<Void> sent, SendHandler handler) {
        SendHandlerDispatch.notify(sent, handler, callbacks, session);
    }

    private static void requireHandler(SendHandler handler) {
        if (handler == null) {
            throw new IllegalArgumentException("handler must not be null");
        }
    }
}
