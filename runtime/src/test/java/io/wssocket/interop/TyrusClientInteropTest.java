package io.wssocket.interop;

import java.net.URI;
import java.util.List;

/** The Tyrus client (Grizzly transport) against our server. */
class TyrusClientInteropTest extends ClientInteropCases {
    @Override
    InteropPeer connect(URI uri, boolean partialHandlers, List<String> subprotocols) throws Exception {
        return TyrusPeer.connect(uri, partialHandlers, subprotocols);
    }

    @Override
    InteropPeer connectOfferingDeflate(URI uri) throws Exception {
        return TyrusPeer.connectOfferingDeflate(uri);
    }

    /**
     * Tyrus 2.2.0's {@code PerMessageDeflateExtension} (tyrus-extension-deflate) makes one Deflater
     * per connection and never resets it, whatever the server's answer says: it ignores
     * {@code client_no_context_takeover} (RFC 7692 §7.1.1.2).
     */
    @Override
    boolean clientDropsContextWhenAsked() {
        return false;
    }

    /**
     * Tyrus 2.2.0's {@code PerMessageDeflateExtension} compresses every data frame on its own and
     * sets RSV1 on each, continuation frames too, which RFC 7692 §6.1 reserves for the first.
     */
    @Override
    boolean clientMarksOnlyTheFirstFrameCompressed() {
        return false;
    }

    /** A Tyrus client puts 1000 on the wire for 1012 and 1013 (ProtocolHandler.close, Tyrus 2.2.0). */
    @Override
    boolean clientSendsCloseCode(int code) {
        return code != 1012 && code != 1013;
    }

    /** Tyrus fails the connection with 1002 on any received code from 1014 to 2999 (CloseFrame, Tyrus 2.2.0). */
    @Override
    boolean clientAcceptsCloseCode(int code) {
        return code != 1014;
    }
}
