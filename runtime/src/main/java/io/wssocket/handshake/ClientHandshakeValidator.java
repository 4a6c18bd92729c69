package io.wssocket.handshake;

import java.util.List;

/**
 * Checks a server's answer to a client's opening handshake against RFC 6455 §4.1 ("the client
 * MUST _Fail the WebSocket Connection_" rules), in the RFC's order.
 */
public final class ClientHandshakeValidator {
    private ClientHandshakeValidator() {
    }

    /**
     * @param key the {@code Sec-WebSocket-Key} the client sent
     * @param requestedSubprotocols the subprotocols the client requested; empty for none
     * @param offeredExtensionNames the names of the extensions the client offered; empty for none
     * @return the negotiated subprotocol and extensions
     * @throws HandshakeFailedException when the client must fail the connection; its status is the
     *     response's
     */
    public static AcceptedHandshake validate(HttpResponse response, String key, List<String> requestedSubprotocols,
            List<String> offeredExtensionNames) throws HandshakeFailedException {
        int status = response.status();
        // RFC 6455 §4.1: a status other than 101 is handled per HTTP; for us the handshake failed.
        if (status != 101) {
            String reason = response.reason().isEmpty() ? "" : " " + response.reason();
            throw new HandshakeFailedException(status, "The server answered " + status + reason
                    + " instead of 101 Switching Protocols: it did not accept the WebSocket upgrade"
                    + " (is the URI's path a WebSocket endpoint?) (RFC 6455 §4.1)");
        }

        // RFC 6455 §4.1 item 2 of the response checks: Upgrade is "websocket", case-insensitively.
        List<String> upgrade = response.headerValues("Upgrade");
        if (!TokenList.contains(upgrade, "websocket")) {
            throw new HandshakeFailedException(status, (upgrade.isEmpty()
                    ? "The server's 101 response has no Upgrade header"
                    : "The server's 101 response has Upgrade: " + String.join(", ", upgrade))
                    + "; it must be 'websocket' (RFC 6455 §4.1)");
        }

        // Item 3: Connection contains "Upgrade", case-insensitively.
        List<String> connection = response.headerValues("Connection");
        if (!TokenList.contains(connection, "upgrade")) {
            throw new HandshakeFailedException(status, (connection.isEmpty()
                    ? "The server's 101 response has no Connection header"
                    : "The server's 101 response has Connection: " + String.join(", ", connection))
                    + "; it must contain 'Upgrade' (RFC 6455 §4.1)");
        }

        // Item 4: Sec-WebSocket-Accept is base64(SHA-1(key + GUID)), compared exactly.
        List<String> accepts = response.headerValues("Sec-WebSocket-Accept");
        String expected = AcceptKey.of(key);
        if (accepts.size() != 1 || !accepts.get(0).equals(expected)) {
            throw new HandshakeFailedException(status, (accepts.isEmpty()
                    ? "The server's 101 response has no Sec-WebSocket-Accept header"
                    : "The server's Sec-WebSocket-Accept " + String.join(", ", accepts) + " is not " + expected
                            + ", the value for the key sent")
                    + "; the server (or a proxy) did not process the WebSocket handshake (RFC 6455 §4.1)");
        }

        // Item 5: every extension in use must have been offered.
        List<ExtensionOffer> extensions;
        try {
            extensions = ExtensionHeaderParser.parse(nonBlank(response.headerValues("Sec-WebSocket-Extensions")));
        } catch (HttpStatusException e) {
            throw new HandshakeFailedException(status, "The server's " + e.getMessage());
        }
        for (ExtensionOffer extension : extensions) {
            if (!offeredExtensionNames.contains(extension.name())) {
                throw new HandshakeFailedException(status, "The server accepted extension " + extension.name()
                        + ", which was not offered (offered: " + listOrNone(offeredExtensionNames) + ") (RFC 6455 §4.1)");
            }
        }
        checkDeflate(status, extensions);

        // Item 6: the subprotocol, if any, must be one that was requested; exactly one.
        List<String> subprotocols = TokenList.tokens(response.headerValues("Sec-WebSocket-Protocol"));
        String subprotocol = "";
        if (!subprotocols.isEmpty()) {
            if (subprotocols.size() > 1) {
                throw new HandshakeFailedException(status, "The server selected several subprotocols ("
                        + String.join(", ", subprotocols) + "); it must select at most one (RFC 6455 §4.2.2, §4.1)");
            }
            subprotocol = subprotocols.get(0);
            if (!requestedSubprotocols.contains(subprotocol)) {
                throw new HandshakeFailedException(status, "The server selected subprotocol " + subprotocol
                        + ", which was not requested (requested: " + listOrNone(requestedSubprotocols)
                        + ") (RFC 6455 §4.1)");
            }
        }
        return new AcceptedHandshake(response, subprotocol, extensions);
    }

    /** RFC 7692 §5: a permessage-deflate answer the client cannot use fails the connection. */
    private static void checkDeflate(int status, List<ExtensionOffer> extensions) throws HandshakeFailedException {
        List<ExtensionOffer> deflate = extensions.stream()
                .filter(e -> e.name().equalsIgnoreCase(PerMessageDeflate.NAME)).toList();
        if (deflate.size() > 1) {
            throw new HandshakeFailedException(status, "The server accepted permessage-deflate " + deflate.size()
                    + " times; it may accept one offer (RFC 7692 §5)");
        }
        for (ExtensionOffer e : deflate) {
            try {
                PerMessageDeflate.acceptResponse(e);
            } catch (IllegalArgumentException bad) {
                throw new HandshakeFailedException(status, "The server's permessage-deflate answer "
                        + e.toHeaderValue() + " is invalid: " + bad.getMessage() + " (RFC 7692 §5, §7.1)");
            }
        }
    }

    private static List<String> nonBlank(List<String> values) {
        return values.stream().filter(v -> !HttpSyntax.trimOws(v).isEmpty()).toList();
    }

    private static String listOrNone(List<String> list) {
        return list.isEmpty() ? "none" : String.join(", ", list);
    }
}
