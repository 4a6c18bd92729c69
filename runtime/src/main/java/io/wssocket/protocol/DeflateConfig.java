package io.wssocket.protocol;

/**
 * Permessage-deflate (RFC 7692) as configured for one end: whether it is offered (client) or
 * accepted (server), from what size a message is compressed, at what level, and how many idle
 * deflaters and inflaters the end's pool keeps.
 *
 * @param enabled whether to negotiate permessage-deflate at all
 * @param threshold messages smaller than this many bytes are sent uncompressed (RFC 7692 §6.1
 *     lets any message go without RSV1)
 * @param level the deflate level, 1 (fastest) to 9 (smallest)
 * @param poolSize idle deflaters, and idle inflaters, the pool keeps for reuse
 * @param contextTakeover whether to keep compression context between messages where the peer allows it
 * @param contextMemory bytes of zlib state all connections of the end may keep between messages
 */
public record DeflateConfig(boolean enabled, int threshold, int level, int poolSize, boolean contextTakeover,
                            long contextMemory) {
    public DeflateConfig {
        if (threshold < 0 || level < 1 || level > 9 || poolSize < 0 || contextMemory < 0) {
            throw new IllegalArgumentException("invalid deflate settings: threshold " + threshold + ", level "
                    + level + ", pool size " + poolSize + ", context memory " + contextMemory);
        }
    }
}
