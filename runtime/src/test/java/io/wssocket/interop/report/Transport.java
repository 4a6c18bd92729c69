package io.wssocket.interop.report;

import java.util.Locale;

/** Plain TCP ({@code ws://}) or TLS ({@code wss://}, RFC 6455 §3), as the test class name says. */
enum Transport {
    WS,
    /** A focused subset of the cases over TLS: {@code <Peer><Direction>WssInteropTest}. */
    WSS;

    /** What the test class name has before {@code InteropTest}: nothing for plain TCP, {@code Wss} for TLS. */
    String classInfix() {
        return this == WS ? "" : "Wss";
    }

    String scheme() {
        return name().toLowerCase(Locale.ROOT) + "://";
    }
}
