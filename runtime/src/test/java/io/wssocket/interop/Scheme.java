package io.wssocket.interop;

import java.net.URI;
import java.util.Locale;

/**
 * How an interop class's connections travel: over plain TCP ({@code ws://}) or over TLS
 * ({@code wss://}, RFC 6455 §3, §11.1.2). Every host name in the URIs is 127.0.0.1, which the
 * test certificate names ({@link io.wssocket.test.TestCertificates#localhost()}).
 */
enum Scheme {
    WS, WSS;

    /** {@code ws://127.0.0.1:port} or {@code wss://127.0.0.1:port}, then the path and query. */
    URI uri(int port, String pathAndQuery) {
        return URI.create(this + "://127.0.0.1:" + port + pathAndQuery);
    }

    /** Whether a session of this scheme must say {@code isSecure()} (Jakarta WebSocket, {@code Session.isSecure}). */
    boolean secure() {
        return this == WSS;
    }

    /** The URI scheme itself: {@code ws} or {@code wss}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
