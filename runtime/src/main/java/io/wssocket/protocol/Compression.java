package io.wssocket.protocol;

import io.wssocket.wire.ZlibPool;

/**
 * Permessage-deflate as negotiated for one connection (RFC 7692).
 *
 * @param pool where deflaters and inflaters are borrowed for one message
 * @param peerTakesContextOver whether the peer may refer to earlier messages (it was not asked
 *     for no_context_takeover): this side then keeps an inflater for the connection
 * @param deflateOutbound whether this side compresses what it sends; false when the peer limited
 *     this side's window below 15 bits, which the JDK's deflater cannot honour
 * @param threshold messages smaller than this are sent uncompressed
 */
public record Compression(ZlibPool pool, boolean peerTakesContextOver, boolean deflateOutbound, int threshold) {
}
