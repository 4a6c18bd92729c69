package io.wssocket.handshake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** The {@code Sec-WebSocket-Accept} value for a {@code Sec-WebSocket-Key} (RFC 6455 §4.2.2). */
public final class AcceptKey {
    /** RFC 6455 §1.3 / §4.2.2: the GUID appended to the key before hashing. */
    private static final byte[] GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11".getBytes(StandardCharsets.US_ASCII);

    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-1 (MessageDigest javadoc).
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    });

    private AcceptKey() {
    }

    /** RFC 6455 §4.2.2 item 5.4: base64(SHA-1(key + GUID)). */
    public static String of(String secWebSocketKey) {
        MessageDigest sha1 = SHA1.get();
        sha1.update(secWebSocketKey.getBytes(StandardCharsets.ISO_8859_1));
        sha1.update(GUID);
        return Base64.getEncoder().encodeToString(sha1.digest());
    }
}
