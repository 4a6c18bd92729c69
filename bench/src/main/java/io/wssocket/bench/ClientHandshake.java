package io.wssocket.bench;

import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Random;

/** The client side of the RFC 6455 §4.1 opening handshake, as plain bytes. */
final class ClientHandshake {

    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /** Responses larger than this are refused; ours are a few hundred bytes. */
    static final int MAX_RESPONSE_HEAD = 8192;

    private ClientHandshake() {
    }

    /** RFC 6455 §4.1: a base64-encoded random 16-byte value, new for each connection. */
    static String newKey(Random random) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    static byte[] request(String host, int port, String path, String key) {
        return request(host, port, path, key, null);
    }

    /** With {@code extensions} non-null, a {@code Sec-WebSocket-Extensions} offer (RFC 6455 §9.1). */
    static byte[] request(String host, int port, String path, String key, String extensions) {
        String authority = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        String request = "GET " + path + " HTTP/1.1\r\n"
                + "Host: " + authority + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + (extensions == null ? "" : "Sec-WebSocket-Extensions: " + extensions + "\r\n")
                + "\r\n";
        return request.getBytes(StandardCharsets.US_ASCII);
    }

    /** RFC 6455 §4.2.2: base64(SHA-1(key + GUID)). */
    static String expectedAccept(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JDK", e);
        }
    }

    /** Index just past the blank line that ends the response head, or -1 if not yet received. */
    static int headEnd(byte[] buf, int length) {
        for (int i = 3; i < length; i++) {
            if (buf[i] == '\n' && buf[i - 1] == '\r' && buf[i - 2] == '\n' && buf[i - 3] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    /** RFC 6455 §4.1, the client's checks of the server's response, when no extension was offered. */
    static void checkResponse(String head, String key) throws ProtocolException {
        checkResponse(head, key, false);
    }

    /**
     * RFC 6455 §4.1, the client's checks of the server's response; throws naming the first failed.
     *
     * @param offeredExtensions whether the request offered extensions
     * @return the {@code Sec-WebSocket-Extensions} value, or null when there is none; the caller
     *     checks it against its offer (without an offer, any value fails here)
     */
    static String checkResponse(String head, String key, boolean offeredExtensions) throws ProtocolException {
        String[] lines = head.split("\r\n");
        String status = lines[0];
        String[] statusParts = status.split(" ", 3);
        if (statusParts.length < 2 || !statusParts[0].startsWith("HTTP/1.1") || !statusParts[1].equals("101")) {
            throw new ProtocolException("expected status 101, got: " + status);
        }
        String upgrade = null;
        String connection = null;
        String accept = null;
        String extensions = null;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "upgrade" -> upgrade = value;
                case "connection" -> connection = value;
                case "sec-websocket-accept" -> accept = value;
                // RFC 7230 §3.2.2: repeated header lines are one comma-separated list
                case "sec-websocket-extensions" -> extensions = extensions == null ? value : extensions + ", " + value;
                default -> {
                }
            }
        }
        if (upgrade == null || !upgrade.equalsIgnoreCase("websocket")) {
            throw new ProtocolException("Upgrade header is not 'websocket': " + upgrade);
        }
        if (connection == null || !hasToken(connection, "upgrade")) {
            throw new ProtocolException("Connection header lacks 'Upgrade': " + connection);
        }
        String expected = expectedAccept(key);
        if (!expected.equals(accept)) {
            throw new ProtocolException("Sec-WebSocket-Accept is " + accept + ", expected " + expected);
        }
        if (!offeredExtensions && extensions != null && !extensions.isEmpty()) {
            throw new ProtocolException("server selected extensions we did not offer: " + extensions);
        }
        return extensions;
    }

    private static boolean hasToken(String headerValue, String token) {
        for (String part : headerValue.split(",")) {
            if (part.trim().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }
}
