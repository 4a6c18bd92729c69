package io.wssocket.handshake;

import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Checks an HTTP request against the opening-handshake rules of RFC 6455 §4.2.1, in order, and
 * fails with the status and headers a client can act on.
 */
public final class UpgradeRequestValidator {
    private static final String SUPPORTED_VERSION = "13";

    private UpgradeRequestValidator() {
    }

    public static UpgradeRequest validate(HttpRequest request) throws HttpStatusException {
        // RFC 6455 §4.2.1 item 1: the method must be GET.
        if (!request.method().equals("GET")) {
            throw new HttpStatusException(405,
                    "A WebSocket handshake must use GET, not " + request.method() + " (RFC 6455 §4.2.1)",
                    Map.of("Allow", "GET"));
        }
        checkVersion(request.version());
        checkTarget(request.target());

        // RFC 6455 §4.2.1 item 2, RFC 9112 §3.2: exactly one Host header.
        int hosts = request.headerValues("Host").size();
        if (hosts != 1) {
            throw new HttpStatusException(400, hosts == 0
                    ? "The Host header is missing (RFC 6455 §4.2.1, RFC 9112 §3.2)"
                    : "The Host header appears " + hosts + " times; send it exactly once (RFC 9112 §3.2)");
        }

        checkNoContent(request);

        // RFC 6455 §4.2.1 item 3: Upgrade contains "websocket", case-insensitively.
        if (!TokenList.contains(request.headerValues("Upgrade"), "websocket")) {
            throw new HttpStatusException(426,
                    "This is a WebSocket endpoint: the request must carry 'Upgrade: websocket' and "
                            + "'Connection: Upgrade' (RFC 6455 §4.2.1)",
                    Map.of("Upgrade", "websocket"));
        }

        // RFC 6455 §4.2.1 item 4: Connection contains "Upgrade", case-insensitively.
        if (!TokenList.contains(request.headerValues("Connection"), "upgrade")) {
            throw new HttpStatusException(400,
                    "The Connection header must contain the token 'Upgrade' (RFC 6455 §4.2.1)");
        }

        // RFC 6455 §4.2.1 item 6 and §4.4: version 13 only; otherwise 426 naming what we support.
        List<String> versions = request.headerValues("Sec-WebSocket-Version");
        if (versions.size() != 1 || !versions.get(0).equals(SUPPORTED_VERSION)) {
            String problem = versions.isEmpty()
                    ? "The Sec-WebSocket-Version header is missing"
                    : "Sec-WebSocket-Version " + String.join(", ", versions) + " is not supported";
            throw new HttpStatusException(426, problem + "; use " + SUPPORTED_VERSION,
                    Map.of("Sec-WebSocket-Version", SUPPORTED_VERSION));
        }

        // RFC 6455 §4.2.1 item 5: the key is a base64-encoded 16-byte value.
        List<String> keys = request.headerValues("Sec-WebSocket-Key");
        if (keys.size() != 1 || !isBase64Of16Bytes(keys.get(0))) {
            throw new HttpStatusException(400, "Sec-WebSocket-Key must be a base64-encoded 16-byte value"
                    + (keys.size() > 1 ? ", sent once" : "") + " (RFC 6455 §4.2.1)");
        }

        // RFC 6455 §4.3: Sec-WebSocket-Protocol = 1#token, in order of preference.
        List<String> subprotocols = TokenList.tokens(request.headerValues("Sec-WebSocket-Protocol"));
        for (String subprotocol : subprotocols) {
            if (!HttpSyntax.isToken(subprotocol)) {
                throw new HttpStatusException(400,
                        "Sec-WebSocket-Protocol element \"" + subprotocol + "\" is not a token (RFC 6455 §4.3)");
            }
        }

        List<ExtensionOffer> extensions = ExtensionHeaderParser.parse(request.headerValues("Sec-WebSocket-Extensions"));
        return new UpgradeRequest(request, keys.get(0), subprotocols, extensions, request.header("Origin"));
    }

    private static void checkVersion(String version) throws HttpStatusException {
        if (version.equals("HTTP/1.1")) {
            return;
        }
        if (version.startsWith("HTTP/1.")) {
            if (version.equals("HTTP/1.0")) {
                // RFC 6455 §4.1: the handshake is an HTTP/1.1 (or higher) request.
                throw new HttpStatusException(400,
                        "WebSocket needs HTTP/1.1; this request is HTTP/1.0 (RFC 6455 §4.1)");
            }
            // RFC 9110 §6.2: a higher minor version is processed as the highest one implemented.
            return;
        }
        throw new HttpStatusException(505,
                version + " is not supported; a WebSocket handshake is an HTTP/1.1 request (RFC 6455 §4.1)");
    }

    /**
     * The handshake is a GET whose head is all there is (RFC 6455 §4.1): bytes after it are the
     * client's first frames, so a request announcing content (which a Servlet container would
     * also have read as the body) is refused, as is an expectation no server can meet here.
     * {@code Expect: 100-continue} without content asks for nothing and is let through.
     */
    private static void checkNoContent(HttpRequest request) throws HttpStatusException {
        List<String> lengths = request.headerValues("Content-Length");
        if (!request.headerValues("Transfer-Encoding").isEmpty() || !lengths.stream().allMatch("0"::equals)) {
            throw new HttpStatusException(400, "A WebSocket handshake request has no content: send it without "
                    + "Transfer-Encoding and Content-Length; what follows its head is the WebSocket connection (RFC 6455 §4.1)");
        }
        for (String expectation : TokenList.tokens(request.headerValues("Expect"))) {
            if (!expectation.equalsIgnoreCase("100-continue")) {
                throw new HttpStatusException(417, "Expect: " + expectation + " cannot be met by a WebSocket handshake "
                        + "(RFC 9110 §10.1.1)");
            }
        }
    }

    /**
     * RFC 6455 §4.1 item 2 / RFC 9112 §3.2: origin-form ({@code /chat?room=1}); absolute-form
     * ({@code ws://host/chat}) is accepted and its path used.
     */
    private static void checkTarget(String target) throws HttpStatusException {
        if (target.startsWith("/")) {
            return;
        }
        if (HttpRequest.absoluteFormPathStart(target) >= 0) {
            String scheme = target.substring(0, target.indexOf(':'));
            if (scheme.equalsIgnoreCase("ws") || scheme.equalsIgnoreCase("wss")
                    || scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")) {
                return;
            }
        }
        throw new HttpStatusException(400,
                "The request-target must be a path starting with '/' or an absolute ws://, wss://, "
                        + "http:// or https:// URI (RFC 6455 §4.1, RFC 9112 §3.2)");
    }

    /** RFC 4648 §4 basic alphabet with padding, canonical (zero pad bits), decoding to 16 bytes. */
    private static boolean isBase64Of16Bytes(String key) {
        // 16 bytes encode to 22 characters and "==".
        if (key.length() != 24 || !key.endsWith("==")) {
            return false;
        }
        try {
            byte[] decoded = Base64.getDecoder().decode(key);
            return decoded.length == 16 && Base64.getEncoder().encodeToString(decoded).equals(key);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
