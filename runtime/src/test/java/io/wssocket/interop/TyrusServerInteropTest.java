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
}
