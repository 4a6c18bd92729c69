package io.wssocket.wire;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** The body of a close frame (RFC 6455 §5.5.1): a two-byte code and a UTF-8 reason. */
public final class ClosePayload {
    /** 125 bytes of control payload less the two-byte code. */
    public static final int MAX_REASON_BYTES = 123;

    private ClosePayload() {
    }

    /**
     * The payload for a close frame. {@link CloseCodes#NO_STATUS} gives an empty body; a reason
     * longer than 123 UTF-8 bytes is cut at a character boundary.
     */
    public static ByteBuffer encode(int code, String reason) {
        if (code == CloseCodes.NO_STATUS) {
            return ByteBuffer.allocate(0);
        }
        if (!CloseCodes.isValidOnWire(code)) {
            throw new IllegalArgumentException("close code " + code + " may not be sent (RFC 6455 §7.4)");
        }
        ByteBuffer body = ByteBuffer.allocate(2 + MAX_REASON_BYTES);
        body.putShort((short) code);
        if (reason != null && !reason.isEmpty()) {
            CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            // An encoder stops at a character boundary when the output is full.
            encoder.encode(CharBuffer.wrap(reason), body, true);
        }
        return body.flip();
    }
}
