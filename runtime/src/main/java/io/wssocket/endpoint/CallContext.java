package io.wssocket.endpoint;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Decoder;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

/**
 * What one call of an annotated method can take its arguments from; fields that do not apply
 * to the call are null (false for {@code last}).
 */
record CallContext(Session session, EndpointConfig config, CloseReason closeReason, Throwable error,
                   Object message, boolean last, Decoder[] decoders) {

    static CallContext open(Session session, EndpointConfig config) {
        return new CallContext(session, config, null, null, null, false, null);
    }

    static CallContext close(Session session, CloseReason reason) {
        return new CallContext(session, null, reason, null, null, false, null);
    }

    static CallContext error(Session session, Throwable error) {
        return new CallContext(session, null, null, error, null, false, null);
    }

    static CallContext message(Session session, Object message, boolean last, Decoder[] decoders) {
        return new CallContext(session, null, null, null, message, last, decoders);
    }
}
