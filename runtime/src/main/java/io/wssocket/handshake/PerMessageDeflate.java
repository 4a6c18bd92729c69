package io.wssocket.handshake;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Negotiation of permessage-deflate (RFC 7692 §5, §7.1) as pure functions of the header: the
 * server's choice among a client's offers, the client's offer, and the client's check of the
 * server's answer.
 *
 * <p>By default this side never takes its compression context from one message to the next, and
 * the JDK's deflater always uses a 32 KiB (15-bit) window. So a server answers with
 * {@code server_no_context_takeover} (§7.1.1.1: it may, offered or not) and
 * {@code client_no_context_takeover} (§7.1.1.2: it may, offered or not), so that no inflater
 * outlives a message on either side, and a client offers {@code client_no_context_takeover}
 * (§7.1.1.2: a hint that it will not take its context over, so the server need not keep an
 * inflater for it); a window limit below 15 bits on this side's compressor is accepted and
 * honoured by not compressing at all (§6.1: a message may always go uncompressed).
 *
 * <p>With context takeover allowed, a server answers the no_context_takeover parameters only
 * when the client offered them (§7.1.1.1 requires {@code server_no_context_takeover} then;
 * {@code client_no_context_takeover} offered is the client's promise), and a client offers
 * without {@code client_no_context_takeover}.
 */
public final class PerMessageDeflate {
    public static final String NAME = "permessage-deflate";
    static final String SERVER_NO_CONTEXT_TAKEOVER = "server_no_context_takeover";
    static final String CLIENT_NO_CONTEXT_TAKEOVER = "client_no_context_takeover";
    static final String SERVER_MAX_WINDOW_BITS = "server_max_window_bits";
    static final String CLIENT_MAX_WINDOW_BITS = "client_max_window_bits";
    /**
     * The server's usual answer: no context takeover either way. The same instance every time, so
     * that what connections keep of it can be shared.
     */
    public static final ExtensionOffer RESET_BOTH_WAYS = new ExtensionOffer(NAME, List.of(
            new ExtensionOffer.Parameter(SERVER_NO_CONTEXT_TAKEOVER, null),
            new ExtensionOffer.Parameter(CLIENT_NO_CONTEXT_TAKEOVER, null)));
    private static final Agreement RESET_BOTH_WAYS_AGREED = new Agreement(RESET_BOTH_WAYS, false, true, false);
    /** The JDK's Deflater and Inflater use a 15-bit window, the most RFC 7692 §7.1.2 allows. */
    private static final int JDK_WINDOW_BITS = 15;

    /**
     * What was agreed for one connection.
     *
     * @param response the extension as the server's response states it
     * @param peerTakesContextOver whether this side's peer may refer to earlier messages when
     *     compressing, so this side must keep its inflater between messages
     * @param deflateOutbound whether this side may compress what it sends: false when the peer
     *     limited this side's window below 15 bits
     * @param keepsOwnContext whether this side keeps its deflater's context from one message to
     *     the next (only when it compresses and the peer did not forbid it)
     */
    public record Agreement(ExtensionOffer response, boolean peerTakesContextOver, boolean deflateOutbound,
                            boolean keepsOwnContext) {
    }

    private PerMessageDeflate() {
    }

    /**
     * The server's choice: the first of the client's permessage-deflate offers it can accept
     * (RFC 7692 §5: offers are in the client's order of preference), or null when none is
     * acceptable; an offer with an unknown or repeated parameter, or a bad value, is skipped
     * (§7.1: the server must decline it). With {@code contextTakeover}, the server lets the client
     * take its context over and keeps its own, unless the offer asks otherwise.
     */
    public static Agreement accept(List<ExtensionOffer> offers, boolean contextTakeover) {
        for (ExtensionOffer offer : offers) {
            if (!offer.name().equalsIgnoreCase(NAME)) {
                continue;
            }
            Parameters p;
            try {
                p = Parameters.of(offer, false);
            } catch (IllegalArgumentException e) {
                continue;
            }
            List<ExtensionOffer.Parameter> answer = new ArrayList<>();
            boolean serverResets = !contextTakeover || p.serverNoContextTakeover;
            boolean clientResets = !contextTakeover || p.clientNoContextTakeover;
            if (serverResets) {
                answer.add(new ExtensionOffer.Parameter(SERVER_NO_CONTEXT_TAKEOVER, null));
            }
            if (clientResets) {
                answer.add(new ExtensionOffer.Parameter(CLIENT_NO_CONTEXT_TAKEOVER, null));
            }
            if (p.serverMaxWindowBits > 0) {
                // §7.1.2.1: accepting this parameter means answering with it, with the same or a smaller value.
                answer.add(new ExtensionOffer.Parameter(SERVER_MAX_WINDOW_BITS, Integer.toString(p.serverMaxWindowBits)));
            }
            // client_max_window_bits, offered or not, is not answered: the inflater takes any window (§7.1.2.2).
            boolean deflate = p.serverMaxWindowBits == 0 || p.serverMaxWindowBits == JDK_WINDOW_BITS;
            if (serverResets && clientResets && p.serverMaxWindowBits == 0) {
                return RESET_BOTH_WAYS_AGREED;
            }
            return new Agreement(new ExtensionOffer(NAME, answer), !clientResets, deflate, deflate && !serverResets);
        }
        return null;
    }

    /**
     * The client's offer: {@code client_no_context_takeover} unless it may keep its context, and the
     * window parameter without a value (§7.1.2.2: the client can take a limit on its window, which
     * it honours by not compressing); nothing it requires of the server.
     */
    public static ExtensionOffer offer(boolean contextTakeover) {
        ExtensionOffer.Parameter window = new ExtensionOffer.Parameter(CLIENT_MAX_WINDOW_BITS, null);
        return new ExtensionOffer(NAME, contextTakeover ? List.of(window)
                : List.of(new ExtensionOffer.Parameter(CLIENT_NO_CONTEXT_TAKEOVER, null), window));
    }

    /**
     * The client's check of the server's answer to {@link #offer(boolean)} without context takeover.
     *
     * @throws IllegalArgumentException saying what is wrong: the client must fail the connection (RFC 7692 §5)
     */
    public static Agreement acceptResponse(ExtensionOffer response) {
        return acceptResponse(response, false);
    }

    /**
     * The client's check of the server's answer to {@link #offer(boolean)}: with
     * {@code contextTakeover} the client keeps its deflater's context unless the answer says
     * {@code client_no_context_takeover}.
     *
     * @throws IllegalArgumentException saying what is wrong: the client must fail the connection (RFC 7692 §5)
     */
    public static Agreement acceptResponse(ExtensionOffer response, boolean contextTakeover) {
        Parameters p = Parameters.of(response, true);
        boolean deflate = p.clientMaxWindowBits == 0 || p.clientMaxWindowBits == JDK_WINDOW_BITS;
        return new Agreement(response, !p.serverNoContextTakeover, deflate,
                deflate && contextTakeover && !p.clientNoContextTakeover);
    }

    /** The parameters of one offer or response, checked by RFC 7692 §7.1. */
    private static final class Parameters {
        boolean serverNoContextTakeover;
        boolean clientNoContextTakeover;
        /** 0 when absent. */
        int serverMaxWindowBits;
        /** 0 when absent, -1 when present without a value (an offer only). */
        int clientMaxWindowBits;

        static Parameters of(ExtensionOffer extension, boolean response) {
            Parameters p = new Parameters();
            Set<String> seen = new HashSet<>();
            for (ExtensionOffer.Parameter param : extension.parameters()) {
                String name = param.name().toLowerCase(java.util.Locale.ROOT);
                if (!seen.add(name)) {
                    // §7.1: an offer or response with a parameter twice is invalid.
                    throw new IllegalArgumentException("parameter " + name + " appears twice");
                }
                switch (name) {
                    case SERVER_NO_CONTEXT_TAKEOVER -> {
                        noValue(param);
                        p.serverNoContextTakeover = true;
                    }
                    case CLIENT_NO_CONTEXT_TAKEOVER -> {
                        noValue(param);
                        p.clientNoContextTakeover = true;
                    }
                    case SERVER_MAX_WINDOW_BITS -> p.serverMaxWindowBits = windowBits(param, true);
                    // §7.1.2.2: a client may offer it without a value; a server's answer always has one.
                    case CLIENT_MAX_WINDOW_BITS -> p.clientMaxWindowBits = windowBits(param, response);
                    default -> throw new IllegalArgumentException("unknown parameter " + param.name());
                }
            }
            return p;
        }

        private static void noValue(ExtensionOffer.Parameter param) {
            if (param.value() != null) {
                throw new IllegalArgumentException("parameter " + param.name() + " takes no value");
            }
        }

        /** §7.1.2: a decimal 8 to 15 without leading zeros. */
        private static int windowBits(ExtensionOffer.Parameter param, boolean valueRequired) {
            String v = param.value();
            if (v == null) {
                if (valueRequired) {
                    throw new IllegalArgumentException("parameter " + param.name() + " needs a value");
                }
                return -1;
            }
            if (!v.matches("[1-9][0-9]?") || Integer.parseInt(v) < 8 || Integer.parseInt(v) > 15) {
                throw new IllegalArgumentException("parameter " + param.name() + " has the bad value " + v
                        + " (8 to 15)");
            }
            return Integer.parseInt(v);
        }
    }
}
