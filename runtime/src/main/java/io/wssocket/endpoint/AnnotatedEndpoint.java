package io.wssocket.endpoint;

import io.wssocket.session.DecoderSet;
import io.wssocket.session.WsSession;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Decoder;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One connection's {@code @ServerEndpoint} instance seen as an {@link Endpoint}: lifecycle events
 * call the annotated methods, and {@code onOpen} registers a message handler for each
 * {@code @OnMessage} method. The session calls it one event at a time (its serial executor), so
 * the per-session decoders need no locking.
 */
public final class AnnotatedEndpoint extends Endpoint {
    private static final System.Logger LOG = System.getLogger(AnnotatedEndpoint.class.getName());
    private static final Decoder[] NO_DECODERS = new Decoder[0];

    private final AnnotatedEndpointModel model;
    private final Object instance;
    private Decoder[] decoders = NO_DECODERS;

    public AnnotatedEndpoint(AnnotatedEndpointModel model, Object instance) {
        if (!model.endpointClass().isInstance(instance)) {
            throw new IllegalArgumentException("the configurator gave " + (instance == null ? "null" : instance.getClass().getName())
                    + " for endpoint " + model.endpointClass().getName());
        }
        this.model = model;
        this.instance = instance;
    }

    /** The {@code @ServerEndpoint} instance. */
    public Object instance() {
        return instance;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        try {
            decoders = model.decoders().open(config, WsSession.instancesOf(session));
        } catch (RuntimeException e) {
            onError(session, e);
            closeQuietly(session, new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "decoders could not be created"));
            return;
        }
        if (model.onOpen() != null) {
            call(session, model.onOpen(), CallContext.open(session, config));
        }
        for (MessageMethod method : model.messageMethods()) {
            register(session, method);
        }
    }

    @SuppressWarnings("unchecked")
    private void register(Session session, MessageMethod method) {
        // Jakarta WebSocket 2.2 §4.7.1: maxMessageSize is the session's buffer size for the kind.
        if (method.maxMessageSize() > 0) {
            int size = (int) Math.min(Integer.MAX_VALUE, method.maxMessageSize());
            if (method.kind() == MessageMethod.MessageKind.TEXT) {
                session.setMaxTextMessageBufferSize(size);
            } else if (method.kind() == MessageMethod.MessageKind.BINARY) {
                session.setMaxBinaryMessageBufferSize(size);
            }
        }
        Class<Object> type = (Class<Object>) method.deliveredType();
        if (method.partial()) {
            session.addMessageHandler(type, (MessageHandler.Partial<Object>) (part, last) -> onMessage(session, method, part, last));
        } else {
            session.addMessageHandler(type, (MessageHandler.Whole<Object>) message -> onMessage(session, method, message, true));
        }
    }

    private void onMessage(Session session, MessageMethod method, Object message, boolean last) {
        Object result = call(session, method.invoker(), CallContext.message(session, message, last, decoders));
        if (result != null) {
            sendReturnValue(session, result);
        }
    }

    /** Jakarta WebSocket 2.2 §4.7: a returned value is sent back as a message to the peer. */
    private void sendReturnValue(Session session, Object result) {
        RemoteEndpoint.Basic remote = session.getBasicRemote();
        try {
            if (result instanceof String) {
                remote.sendText((String) result);
            } else if (result instanceof ByteBuffer) {
                remote.sendBinary((ByteBuffer) result);
            } else if (result instanceof byte[]) {
                remote.sendBinary(ByteBuffer.wrap((byte[]) result));
            } else {
                remote.sendObject(result); // primitives as text, anything else through the encoders
            }
        } catch (IOException | EncodeException | RuntimeException e) {
            onError(session, e);
        }
    }

    /** Calls an annotated method; what it throws (or a DecodeException for its arguments) goes to @OnError. */
    private Object call(Session session, MethodInvoker invoker, CallContext context) {
        try {
            return invoker.invoke(instance, context);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            onError(session, e);
            return null;
        }
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        try {
            if (model.onClose() != null) {
                call(session, model.onClose(), CallContext.close(session, closeReason));
            }
        } finally {
            DecoderSet.destroy(decoders);
            decoders = NO_DECODERS;
        }
    }

    @Override
    public void onError(Session session, Throwable error) {
        MethodInvoker onError = model.onError();
        if (onError == null || !model.errorType().isInstance(error)) {
            LOG.log(System.Logger.Level.WARNING, "endpoint " + model.endpointClass().getName()
                    + " has no @OnError method for " + error, error);
            return;
        }
        try {
            onError.invoke(instance, CallContext.error(session, error));
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            LOG.log(System.Logger.Level.WARNING, "@OnError method " + onError.description() + " of "
                    + model.endpointClass().getName() + " threw while handling " + error, e);
        }
    }

    private static void closeQuietly(Session session, CloseReason reason) {
        try {
            session.close(reason);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing " + session, e);
        }
    }
}
