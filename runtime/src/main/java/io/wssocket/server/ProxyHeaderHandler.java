package io.wssocket.server;

import io.wssocket.handshake.ProxyHeader;
import io.wssocket.handshake.ProxyHeaderException;
import io.wssocket.handshake.ProxyHeaderParser;
import io.wssocket.transport.Connection;
import io.wssocket.transport.ConnectionHandler;
import io.wssocket.transport.SocketConnection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;

/**
 * The first stage on a connection of a listener with proxy-protocol on, from a trusted peer (the
 * acceptor closed the others): reads the PROXY protocol header, then reports its source address
 * as the connection's, counts the connection under it for max-connections-per-address and hands
 * over to TLS (for wss the header comes before the ClientHello: HAProxy and nginx send it first
 * on the TCP connection) and the {@link UpgradeHandler}. The bytes after the header in the same
 * read go on to the next stage. A malformed, oversized or cut-off header, or none within
 * handshake-timeout, closes the connection with one line in the operator log: nothing of it is
 * read as HTTP. Made only when proxy-protocol is on; without it a connection has no such stage.
 */
final class ProxyHeaderHandler implements ConnectionHandler {
    private static final System.Logger LOG = System.getLogger(ProxyHeaderHandler.class.getName());

    private final ServerRuntime server;
    private final HealthEndpoints health;
    private final AddressCounter.Lease lease;
    private final SSLEngine engine;
    private final long deadline;
    private final ProxyHeaderParser parser = new ProxyHeaderParser();
    private SocketConnection socket;
    private boolean readAny;

    /**
     * @param health the health endpoints the listener answers, or null
     * @param lease the connection's place in the per-address count, under no address until the header is read
     * @param engine the TLS engine to start once the header is read, or null for plain TCP
     * @param deadline when the whole handshake (header, TLS, HTTP) must be done, in {@link System#nanoTime()} terms
     */
    ProxyHeaderHandler(ServerRuntime server, HealthEndpoints health, AddressCounter.Lease lease, SSLEngine engine,
                       long deadline) {
        this.server = server;
        this.health = health;
        this.lease = lease;
        this.engine = engine;
        this.deadline = deadline;
    }

    /** Event loop, once the socket is registered. */
    void onRegistered(SocketConnection c) {
        socket = c;
        c.scheduleTimer(deadline);
    }

    @Override
    public void onData(Connection c, ByteBuffer in) {
        readAny = true;
        try {
            if (!parser.parse(in)) {
                return;
            }
        } catch (ProxyHeaderException e) {
            in.position(in.limit());
            refuse("malformed header", e.getMessage());
            return;
        }
        ProxyHeader header = parser.header();
        InetSocketAddress peer = socket.remoteAddress();
        InetSocketAddress client = header.source() != null ? header.source() : peer;
        socket.reportRemoteAddress(client);
        int fromAddress = lease.moveTo(client.getAddress());
        // Behind a second layer (forwarded-headers), a trusted address's count waits for the request's headers.
        boolean deferCount = !server.config().forwardedHeaders().equals("off")
                && server.config().trustedProxyBlocks().contains(client.getAddress());
        UpgradeHandler upgrade = new UpgradeHandler(server, deferCount ? 0 : fromAddress, health, false, lease, peer, deadline);
        socket.setHandler(upgrade);
        if (engine != null) {
            try {
                socket.startTls(engine);
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, () -> "cannot start TLS with " + client + ": " + e);
                in.position(in.limit());
                socket.abort(e);
                return;
            }
        }
        upgrade.onRegistered(socket); // its 503 or 429 goes out encrypted when TLS is on
        if (engine != null) {
            socket.unwrapReceived(in);
        } else if (in.hasRemaining()) {
            upgrade.onData(socket, in);
        }
    }

    private void refuse(String kind, String reason) {
        LOG.log(System.Logger.Level.DEBUG, () -> "PROXY header from " + socket.remoteAddress() + " refused: " + reason);
        server.operatorLog().proxyHeaderRefused(socket.remoteAddress(), kind, reason);
        socket.abort(null);
    }

    @Override
    public void onInputClosed(Connection c) {
        if (readAny) {
            refuse("truncated header", "the peer ended the connection inside the PROXY header");
        } else {
            c.abort(null); // a TCP health check: connected and closed, nothing to tell
        }
    }

    @Override
    public long onTimer(Connection c, long now) {
        server.events().stalled(c.remoteAddress(), null, "handshake-timeout", "PROXY header not completed within "
                + server.config().handshakeTimeoutMillis() + " ms (handshake-timeout)");
        c.abort(null);
        return 0;
    }

    @Override
    public void onClosed(Connection c, Throwable cause) {
        // Nothing was opened; the per-address count is given back by the registration's closing hook.
    }
}
