package io.wssocket.interop;

/** Tyrus 2.2 server on Grizzly against the client container under test. */
class TyrusServerInteropTest extends ServerInteropCases {
    @Override
    PeerServer newServer() {
        return new TyrusServerPeer();
    }

    /**
     * Tyrus 2.2.0's {@code PerMessageDeflateExtension} (tyrus-extension-deflate) compresses every
     * data frame on its own and sets RSV1 on each, continuation frames too, which RFC 7692 §6.1
     * reserves for the first.
     */
    @Override
    boolean serverMarksOnlyTheFirstFrameCompressed() {
        return false;
    }

    /**
     * Tyrus 2.2.0's {@code PerMessageDeflateExtension} keeps one Deflater per connection and
     * flushes it with {@code SYNC_FLUSH} per frame; zlib writes nothing for a flush without new
     * input once it has flushed before, so an empty message after the first goes out as an empty
     * payload with RSV1, not as the {@code 0x00} that RFC 7692 §7.2.1 leaves.
     */
    @Override
    boolean serverCompressesEmptyMessagesToDeflateData() {
        return false;
    }
}
