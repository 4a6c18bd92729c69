package io.wssocket.interop;

import java.nio.ByteBuffer;

/** Where a case sends a message's parts: one frame each (RFC 6455 §5.4), the last one final. */
interface MessageParts {
    void sendText(String part, boolean last) throws Exception;

    void sendBinary(ByteBuffer part, boolean last) throws Exception;
}
