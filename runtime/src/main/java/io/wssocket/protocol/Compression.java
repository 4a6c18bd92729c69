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
 * @param keepsOwnContext whether this side keeps its deflater's context between messages
 * @param threshold messages smaller than this are sent uncompressed
 * @param contextBytes what the connection took of the pool's context budget
 *     ({@link ZlibPool#reserveContext}), given back when it ends; 0 for none
 */
public record Compression(ZlibPool pool, boolean peerTakesContextOver, boolean deflateOutbound,
                          boolean keepsOwnContext, int threshold, long contextBytes) {
    /** Without context takeover on either side: nothing is kept between messages. */
    public Compression(ZlibPool pool, boolean deflateOutbound, int threshold) {
        this(pool, false, deflateOutbound, false, threshold, 0);
    }
}
