package io.wssocket.protocol;

import java.net.InetSocketAddress;

/**
 * What an opened WebSocket connection carried and how it ended, told once when it is closed
 * ({@link ProtocolEvents#connectionClosed}).
 *
 * @param peer the remote address (the client's, when a trusted proxy told it)
 * @param path the endpoint path the connection was opened for, or null when unknown
 * @param code the close code this side reports (1006 when no close frame was exchanged)
 * @param initiator who began the close
 * @param openNanos how long it was open, from the start of the session
 * @param bytesIn bytes read from the peer after the handshake (frames as they came, compressed or not)
 * @param bytesOut frame bytes sent to the peer
 * @param messagesIn whole data messages read
 * @param messagesOut whole data messages sent
 */
public record ClosedConnection(InetSocketAddress peer, String path, int code, Initiator initiator, long openNanos,
                               long bytesIn, long bytesOut, long messagesIn, long messagesOut) {

    /** Who began the close. */
    public enum Initiator {
        /** The peer sent the first close frame. */
        PEER,
        /** This side did: the application, a timeout, a limit, a shutdown. */
        LOCAL,
        /** Nobody: the connection ended without a close handshake (the socket closed or failed). */
        NONE
    }
}
