package io.wssocket.endpoint;

import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;

/**
 * Turns what the session delivers (String, ByteBuffer, byte[] or PongMessage) into the message
 * parameter's type; chosen once per method at deployment. Decoding converters use the session's
 * own decoder instances, passed in, so a converter holds no per-session state.
 */
@FunctionalInterface
interface MessageConverter {
    Object convert(Object delivered, Decoder[] sessionDecoders) throws DecodeException;

    MessageConverter SAME = (delivered, decoders) -> delivered;
}
