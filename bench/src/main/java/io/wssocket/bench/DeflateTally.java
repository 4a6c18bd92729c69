package io.wssocket.bench;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What permessage-deflate came to over a driver's connections, for its result line: the terms the
 * server agreed to ({@link DeflateTerms#summary}; {@code none} when it declined, several joined by
 * {@code +} if connections differ), how many connections agreed, and the share of the messages
 * received that came compressed (a server may send small messages uncompressed, RFC 7692 §6).
 *
 * @param terms the distinct term summaries, joined by {@code +}
 * @param agreed connections that negotiated permessage-deflate
 * @param received data messages received
 * @param compressed of those, the ones with RSV1
 */
record DeflateTally(String terms, int agreed, long received, long compressed) {

    static DeflateTally of(List<? extends ClientConnection> connections) {
        Set<String> terms = new TreeSet<>();
        int agreed = 0;
        long received = 0;
        long compressed = 0;
        for (ClientConnection c : connections) {
            if (!c.handshakeDone()) {
                continue;
            }
            terms.add(DeflateTerms.summary(c.deflateTerms()));
            agreed += c.deflateTerms() != null ? 1 : 0;
            received += c.dataMessages();
            compressed += c.compressedMessages();
        }
        return new DeflateTally(terms.isEmpty() ? "none" : String.join("+", terms), agreed, received, compressed);
    }

    /** {@code deflate=... deflate_conns=N compressed_pct=P}. */
    String resultFields() {
        return String.format(Locale.ROOT, "deflate=%s deflate_conns=%d compressed_pct=%.1f", terms, agreed,
                received == 0 ? 0.0 : 100.0 * compressed / received);
    }
}
