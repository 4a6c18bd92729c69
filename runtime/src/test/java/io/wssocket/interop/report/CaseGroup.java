package io.wssocket.interop.report;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The groups the matrix counts test cases in, in the order it shows them, told apart by the words
 * of the test method's name (the camel-case name cut into lower-case words; see
 * {@link #LOOKUP_ORDER} for a name with words of two groups). A name with none of the words
 * belongs to no group and {@link #of} refuses it: a new kind of case must get a group (or a word
 * here) rather than drop out of the matrix unseen.
 */
enum CaseGroup {
    ECHO("echo", "text and binary echoed byte for byte, 0 B to 16 MiB across the length encodings of RFC 6455 §5.2,"
            + " whole and fragmented either way", "echo", "echoes", "echoed"),
    PARTIAL("partial/streaming", "messages handed to partial handlers piece by piece and sent on in parts (RFC 6455 §5.4)",
            "partial", "fragment", "fragments", "fragmented", "streaming", "piece", "pieces"),
    PING_PONG("ping/pong", "a ping from either end answered with a pong of the same payload (RFC 6455 §5.5.2, §5.5.3)",
            "ping", "pings", "pong", "pongs"),
    CLOSE("close codes", "every close code that may go on the wire, sent by either end (RFC 6455 §5.5.1, §7.4)",
            "close", "closes", "closed", "closing"),
    SUBPROTOCOL("subprotocol", "subprotocol negotiation, agreed or not (RFC 6455 §4.1, §4.2.2)",
            "subprotocol", "subprotocols"),
    DEFLATE("permessage-deflate", "RFC 7692 compression, explicitly on at our end: both ends name the agreed extension,"
            + " text and binary of 0 B to 1 MiB (below and above the 256 B threshold) echoed on one connection,"
            + " compressed messages in fragments either way, and fewer bytes on the wire",
            "deflate", "compressed", "compresses", "compression"),
    TLS("TLS", "what only TLS has: handshake, certificates, trust", "tls", "wss", "ssl", "certificate",
            "certificates", "trust", "trusted", "secure"),
    /** A failure of the test class as a whole (its peer did not start); no method name leads here. */
    CLASS_SETUP("class setup", "the test class as a whole: its peer started and stopped");

    /**
     * The order in which a name's words are looked up: the narrower groups first, so that a partial
     * handler that echoes is partial and a ping test that closes is ping/pong; permessage-deflate
     * before all of them, so that every case of the extension counts there (its columns); TLS last,
     * so that an echo over TLS is an echo (the transport has its own column).
     */
    private static final List<CaseGroup> LOOKUP_ORDER = List.of(DEFLATE, PING_PONG, CLOSE, SUBPROTOCOL, PARTIAL, ECHO, TLS);

    private final String label;
    private final String description;
    private final Set<String> words;

    CaseGroup(String label, String description, String... words) {
        this.label = label;
        this.description = description;
        this.words = Set.of(words);
    }

    String label() {
        return label;
    }

    String description() {
        return description;
    }

    /** The group of a test method; fails for a method that no group's words describe. */
    static CaseGroup of(String method) {
        List<String> nameWords = wordsOf(method);
        for (CaseGroup group : LOOKUP_ORDER) {
            if (nameWords.stream().anyMatch(group.words::contains)) {
                return group;
            }
        }
        throw new UnknownCaseException(method);
    }

    static List<String> wordsOf(String camelCase) {
        return List.of(camelCase.split("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")).stream()
                .map(word -> word.toLowerCase(Locale.ROOT))
                .toList();
    }

    /** A test method that fits no group. */
    static final class UnknownCaseException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        UnknownCaseException(String method) {
            super("test method " + method + " fits no case group of the interop matrix: give it a group in "
                    + CaseGroup.class.getName() + " (or a word of its name to an existing one)");
        }
    }
}
