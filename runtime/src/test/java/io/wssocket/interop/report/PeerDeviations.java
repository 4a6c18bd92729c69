package io.wssocket.interop.report;

import java.util.List;
import java.util.Map;

/**
 * What the interop cases found peers doing that the RFCs do not have them do, or what keeps a
 * peer out of some cases, with the case that asserts the behaviour as it is where there is one:
 * such a case passes while the peer behaves exactly so, and fails once that changes. The page
 * lists them by peer, so that a green matrix does not hide them.
 */
final class PeerDeviations {
    /** By {@link MatrixPeer#classPrefix()}; the page shows them in the order of {@link MatrixPeers#ALL}. */
    static final Map<String, List<String>> BY_PEER = Map.of(
            "Tyrus", List.of(
                    "permessage-deflate (tyrus-extension-deflate 2.2.0) keeps one Deflater per connection and never resets it,"
                            + " ignoring `client_no_context_takeover` in our server's answer (RFC 7692 §7.1.1.2): its client's"
                            + " second compressed message on a connection refers to the first, and our server, whose inflater"
                            + " lives for one message, fails the connection with 1007"
                            + " (`deflateRepeatedMessageShowsWhetherTheClientDropsItsContext`); the cases that send several"
                            + " compressed messages on one connection are n/a for its client.",
                    "It sets RSV1 on every frame of a compressed message, continuation frames too, where RFC 7692 §6.1"
                            + " allows it on the first only: a compressed message it fragments fails the connection with 1002,"
                            + " at our server and at our client (`deflateEchoesFragmentedCompressedMessages`). Fragments from"
                            + " our side reach it intact.",
                    "It sends an empty message after the first of a connection as an empty payload with RSV1: zlib writes"
                            + " nothing for a sync flush without new input, where RFC 7692 §7.2.3.6 has one empty stored block"
                            + " (`0x00`). Our reader takes such a payload as an empty message and leaves a kept inflater as it"
                            + " was, so the message after it arrives intact (`deflateEchoesAnEmptyMessageBetweenOthers`).",
                    "Over TLS its client reports 1006 (no close frame) instead of our code in some runs where our server"
                            + " fails the connection (close frame, then the end of the connection); over TCP it always reported"
                            + " our code, and so did Jetty's client over TLS in the same cases (`TyrusClientWssInteropTest`)."),
            "Jdk", List.of(
                    "`java.net.http.WebSocket` negotiates no extensions: its builder has no way to offer permessage-deflate,"
                            + " so its deflate cases are n/a."),
            "Jetty", List.of(
                    "Its client (12.1) keeps its compression context between messages although our server's answer says"
                            + " `client_no_context_takeover` (RFC 7692 §7.1.1.2): its second compressed message on a connection"
                            + " fails with 1007 at our server (`deflateRepeatedMessageShowsWhetherTheClientDropsItsContext`,"
                            + " `JettyClientDeflateTest`); the cases that send several compressed messages on one connection"
                            + " are n/a for its client."),
            "Tomcat", List.of(
                    "Under permessage-deflate its server sends fewer frames than its endpoint sent parts, which RFC 6455 §5.4"
                            + " lets an extension do (found with the partial-handler cases, docs/architecture.md): the deflate"
                            + " cases check a message's content, not its frames."),
            "Chromium", List.of(
                    "The page's WebSocket offers permessage-deflate by itself and cannot send fragments: the deflate cases"
                            + " that need client fragments are n/a."));

    private PeerDeviations() {
    }
}
