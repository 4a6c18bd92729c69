package io.wssocket.bench;

import java.net.ProtocolException;
import java.util.Locale;

/**
 * The permessage-deflate terms a server agreed to (RFC 7692 §7), read from its
 * {@code Sec-WebSocket-Extensions} answer to our offer {@link #OFFER}.
 *
 * @param serverNoContextTakeover the server resets its compressor after every message, so we reset
 *     our decompressor too (§7.1.1.1)
 * @param clientNoContextTakeover we must reset our compressor after every message (§7.1.1.2)
 * @param serverMaxWindowBits the server's LZ77 window, 8..15 (15 when not named); inflating with a
 *     larger window than the server's is always fine
 * @param clientMaxWindowBits the window the server allows us, 8..15 (15 when not named)
 * @param answer the extension as the server wrote it, for the report
 */
record DeflateTerms(boolean serverNoContextTakeover, boolean clientNoContextTakeover, int serverMaxWindowBits,
                    int clientMaxWindowBits, String answer) {

    /**
     * What the driver offers: permessage-deflate allowing the server to name our window
     * ({@code client_max_window_bits} without a value, as browsers offer it); every other
     * parameter is the server's choice.
     */
    static final String OFFER = "permessage-deflate; client_max_window_bits";

    /**
     * Reads the server's {@code Sec-WebSocket-Extensions} value; null or empty means it declined.
     *
     * @return the terms, or null when the server declined
     * @throws ProtocolException when the answer names another extension, several, an unknown or
     *     repeated parameter, a bad value (RFC 7692 §7.1), or a client window this driver cannot
     *     honour: java.util.zip compresses with a 32 KiB window only, so anything but 15 fails
     */
    static DeflateTerms parse(String answer) throws ProtocolException {
        if (answer == null || answer.isBlank()) {
            return null;
        }
        if (answer.indexOf(',') >= 0) {
            throw new ProtocolException("server accepted more than the one extension offered: " + answer);
        }
        String[] parts = answer.split(";");
        if (!parts[0].trim().equalsIgnoreCase("permessage-deflate")) {
            throw new ProtocolException("server selected an extension we did not offer: " + answer);
        }
        boolean serverNoContext = false;
        boolean clientNoContext = false;
        int serverBits = -1;
        int clientBits = -1;
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].trim();
            int eq = param.indexOf('=');
            String name = (eq < 0 ? param : param.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? null : unquote(param.substring(eq + 1).trim());
            switch (name) {
                case "server_no_context_takeover" -> serverNoContext = once(serverNoContext, name, value, answer);
                case "client_no_context_takeover" -> clientNoContext = once(clientNoContext, name, value, answer);
                case "server_max_window_bits" -> serverBits = windowBits(serverBits, name, value, answer);
                case "client_max_window_bits" -> clientBits = windowBits(clientBits, name, value, answer);
                default -> throw new ProtocolException("unknown permessage-deflate parameter '" + name + "' in: " + answer);
            }
        }
        if (clientBits >= 0 && clientBits != 15) {
            throw new ProtocolException("server asks for client_max_window_bits=" + clientBits
                    + "; java.util.zip can only compress with a 15-bit window: " + answer);
        }
        return new DeflateTerms(serverNoContext, clientNoContext, serverBits < 0 ? 15 : serverBits,
                clientBits < 0 ? 15 : clientBits, answer.trim());
    }

    /**
     * A short form for a result line (no spaces): {@code none}, or which sides keep their context,
     * e.g. {@code no_context_both}, {@code takeover_both}, {@code takeover_server}.
     */
    static String summary(DeflateTerms terms) {
        if (terms == null) {
            return "none";
        }
        if (terms.serverNoContextTakeover && terms.clientNoContextTakeover) {
            return "no_context_both";
        }
        if (!terms.serverNoContextTakeover && !terms.clientNoContextTakeover) {
            return "takeover_both";
        }
        return terms.serverNoContextTakeover ? "takeover_client" : "takeover_server";
    }

    private static boolean once(boolean seen, String name, String value, String answer) throws ProtocolException {
        if (seen || value != null) {
            throw new ProtocolException(name + " repeated or given a value (RFC 7692 §7.1.1) in: " + answer);
        }
        return true;
    }

    private static int windowBits(int seen, String name, String value, String answer) throws ProtocolException {
        if (seen >= 0) {
            throw new ProtocolException(name + " repeated (RFC 7692 §7.1) in: " + answer);
        }
        // RFC 7692 §7.1.2: in a response the value is required, a decimal 8..15 without leading zeros
        if (value == null || !value.matches("[1-9][0-9]?") || Integer.parseInt(value) < 8 || Integer.parseInt(value) > 15) {
            throw new ProtocolException(name + " needs a value 8..15 in a response (RFC 7692 §7.1.2), got: " + answer);
        }
        return Integer.parseInt(value);
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }
}
