package io.wssocket.config;

import io.wssocket.handshake.HandshakeLimits;
import io.wssocket.protocol.DeflateConfig;
import io.wssocket.protocol.ProtocolConfig;
import io.wssocket.session.SendQueuePolicy;
import io.wssocket.session.SessionSettings;
import io.wssocket.transport.TransportConfig;

/**
 * The settings of each layer of a connection, made from the {@link ConnectionOptions} the same way
 * for a server and a client. Made once per configuration: every connection shares them (each is
 * immutable), so a session does not carry its own copy.
 *
 * @param transport what the transport needs
 * @param protocol the limits and timeouts of one connection
 * @param session the defaults a session starts with
 * @param handshakeLimits the limits of an upgrade request (server) or response (client)
 * @param deflate permessage-deflate: whether it is negotiated, and how messages are compressed
 */
public record ConnectionSettings(TransportConfig transport, ProtocolConfig protocol, SessionSettings session,
                                 HandshakeLimits handshakeLimits, DeflateConfig deflate) {

    /**
     * @param client whether this end is the client (it masks what it sends)
     * @param eventLoops the selector threads of the transport
     * @throws IllegalArgumentException when the options contradict each other, naming them
     */
    public static ConnectionSettings of(OptionValues values, boolean client, int eventLoops) {
        ConnectionOptions.checkTogether(values);
        TransportConfig transport = new TransportConfig(eventLoops, values.get(ConnectionOptions.READ_BUFFER_SIZE),
                values.get(ConnectionOptions.WRITE_HIGH_WATER), values.get(ConnectionOptions.WRITE_LOW_WATER),
                values.get(ConnectionOptions.MAX_QUEUED_BYTES), values.get(ConnectionOptions.TCP_NO_DELAY),
                values.get(ConnectionOptions.WRITE_TIMEOUT));
        ProtocolConfig protocol = new ProtocolConfig(client, values.get(ConnectionOptions.MAX_FRAME_SIZE),
                values.get(ConnectionOptions.MAX_MESSAGE_SIZE), values.get(ConnectionOptions.MAX_FRAMES_PER_MESSAGE),
                values.get(ConnectionOptions.CLOSE_TIMEOUT), values.get(ConnectionOptions.MAX_PINGS_PER_SECOND),
                values.get(ConnectionOptions.READ_IDLE_TIMEOUT), values.get(ConnectionOptions.READ_PROGRESS_TIMEOUT),
                values.get(ConnectionOptions.PING_INTERVAL));
        SessionSettings session = new SessionSettings(values.get(ConnectionOptions.IDLE_TIMEOUT),
                values.get(ConnectionOptions.MAX_TEXT_BUFFER), values.get(ConnectionOptions.MAX_BINARY_BUFFER),
                values.get(ConnectionOptions.SEND_TIMEOUT), values.get(ConnectionOptions.MAX_PENDING_MESSAGES),
                values.get(ConnectionOptions.MAX_PENDING_BYTES),
                SendQueuePolicy.parse(values.get(ConnectionOptions.SEND_QUEUE_POLICY)),
                values.get(ConnectionOptions.SEND_STALL_TIMEOUT));
        DeflateConfig deflate = new DeflateConfig(values.get(ConnectionOptions.PERMESSAGE_DEFLATE),
                values.get(ConnectionOptions.DEFLATE_THRESHOLD), values.get(ConnectionOptions.DEFLATE_LEVEL),
                values.get(ConnectionOptions.DEFLATE_POOL_SIZE), values.get(ConnectionOptions.DEFLATE_CONTEXT_TAKEOVER),
                values.get(ConnectionOptions.DEFLATE_CONTEXT_MEMORY));
        return new ConnectionSettings(transport, protocol, session, handshakeLimits(values), deflate);
    }

    /** @return the limits of an upgrade request (server) or response (client) */
    public static HandshakeLimits handshakeLimits(OptionValues values) {
        return new HandshakeLimits(values.get(ConnectionOptions.MAX_REQUEST_LINE),
                values.get(ConnectionOptions.MAX_HEADER_COUNT), values.get(ConnectionOptions.MAX_HEADER_BYTES));
    }
}
