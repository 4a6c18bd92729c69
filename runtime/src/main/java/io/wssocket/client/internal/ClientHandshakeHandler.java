package io.wssocket.client.internal;

import io.wssocket.handshake.AcceptedHandshake;
import io.wssocket.handshake.ClientHandshakeRequest;
import io.wssocket.handshake.ClientHandshakeValidator;
import io.wssocket.handshake.HandshakeFailedException;
import io.wssocket.handshake.HandshakeLimits;
import io.wssocket.handshake.HttpResponse;
import io.wssocket.handshake.HttpResponseParser;
import io.wssocket.handshake.ProxyAddress;
import io.wssocket.transport.Connection;
import io.wssocket.transport.SocketConnection;
import io.wssocket.transport.ConnectionHandler;
import io.wssocket.transport.WriteCallback;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;

/**
 * The first protocol on a client's connection: through a proxy, the {@code CONNECT} tunnel
 * (RFC 9110 §9.3.6) first; then the opening handshake request, and the server's answer read
 * within the handshake limits and checked (RFC 6455 §4.1). Its outcome is a future, so the thread
 * that called {@code connectToServer} goes on from there; reads stay suspended until the session
 * takes the connection over.
 */
final class ClientHandshakeHandler implements ConnectionHandler {
    private static final System.Logger LOG = System.getLogger(ClientHandshakeHandler.class.getName());

    /** The handshake's outcome: the connection, what was agreed, and bytes that followed the 101. */
    record Upgraded(Connection connection, AcceptedHandshake handshake, ByteBuffer leftover) {
    }

    private enum Phase { TUNNEL, UPGRADE, DONE }

    private final ClientHandshakeRequest request;
    private final ProxyAddress proxy;
    private final String targetHost;
    private final int targetPort;
    private final SSLEngine tlsInTunnel;
    private final HandshakeLimits limits;
    private final long timeoutMillis;
    private final long deadline;
    private final CompletableFuture<Upgraded> outcome = new CompletableFuture<>();
    /** The socket, once registered (TLS starts on it inside a proxy's tunnel); loop thread. */
    private SocketConnection socket;
    private HttpResponseParser parser;
    private Phase phase;

    /**
     * @param proxy the proxy the socket is connected to, or null when it is connected to the server
     * @param tlsInTunnel for wss:// through a proxy, the TLS to start once the tunnel is open; else null
     */
    ClientHandshakeHandler(ClientHandshakeRequest request, ProxyAddress proxy, String targetHost, int targetPort,
                           SSLEngine tlsInTunnel, HandshakeLimits limits, long timeoutMillis) {
        this.request = request;
        this.proxy = proxy;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.tlsInTunnel = tlsInTunnel;
        this.limits = limits;
        this.timeoutMillis = timeoutMillis;
        this.deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    }

    CompletableFuture<Upgraded> outcome() {
        return outcome;
    }

    /** Event loop, once the socket is registered: the first request goes out. */
    void onRegistered(SocketConnection c) {
        socket = c;
        c.scheduleTimer(deadline);
        if (proxy != null) {
            phase = Phase.TUNNEL;
            parser = new HttpResponseParser(limits);
            c.write(ByteBuffer.wrap(proxy.connectRequest(targetHost, targetPort)), WriteCallback.NONE);
        } else {
            sendUpgrade(c);
        }
    }

    private void sendUpgrade(Connection c) {
        phase = Phase.UPGRADE;
        parser = new HttpResponseParser(limits);
        c.write(request.bytes(), WriteCallback.NONE);
    }

    @Override
    public void onData(Connection c, ByteBuffer in) {
        if (phase == Phase.DONE) {
            return; // reads are suspended; whatever is left waits for the session
        }
        try {
            if (!parser.parse(in)) {
                return;
            }
            HttpResponse response = parser.response();
            if (phase == Phase.TUNNEL) {
                tunnelled(c, response, in);
                return;
            }
            AcceptedHandshake accepted = ClientHandshakeValidator.validate(response, request.key(),
                    request.subprotocols(), request.extensionNames());
            phase = Phase.DONE;
            c.scheduleTimer(0);
            c.suspendReads();
            // Frames the server sent right after its 101 are kept for the session.
            ByteBuffer leftover = ByteBuffer.allocate(in.remaining()).put(in).flip();
            outcome.complete(new Upgraded(c, accepted, leftover));
        } catch (HandshakeFailedException e) {
            in.position(in.limit());
            fail(c, e);
        }
    }

    private void tunnelled(Connection c, HttpResponse response, ByteBuffer in) throws HandshakeFailedException {
        if (response.status() / 100 != 2) {
            throw new HandshakeFailedException(response.status(), "The proxy " + proxy + " refused the tunnel to "
                    + targetHost + ":" + targetPort + " with " + response.status() + " " + response.reason()
                    + (response.status() == 407 ? " (proxy authentication required: put user:password in the proxy URI)" : ""));
        }
        if (in.hasRemaining()) {
            // Nothing may come through the tunnel before our request: the server has not seen it yet.
            throw new HandshakeFailedException("The proxy " + proxy + " sent " + in.remaining()
                    + " bytes after accepting CONNECT, before the WebSocket request went out");
        }
        if (tlsInTunnel != null) {
            try {
                socket.startTls(tlsInTunnel);
            } catch (IOException e) {
                throw new HandshakeFailedException("TLS through the proxy's tunnel failed to start: " + e.getMessage());
            }
        }
        sendUpgrade(c);
    }

    @Override
    public void onInputClosed(Connection c) {
        fail(c, new HandshakeFailedException("The " + (phase == Phase.TUNNEL ? "proxy" : "server")
                + " closed the connection before answering the " + (phase == Phase.TUNNEL ? "CONNECT" : "WebSocket upgrade")
                + " request"));
    }

    @Override
    public long onTimer(Connection c, long now) {
        if (phase != Phase.DONE) {
            fail(c, new HandshakeFailedException("No complete answer to the " + (phase == Phase.TUNNEL ? "proxy's CONNECT"
                    : "WebSocket upgrade") + " request within the handshake timeout of " + timeoutMillis + " ms"));
        }
        return 0;
    }

    @Override
    public void onClosed(Connection c, Throwable cause) {
        if (!outcome.isDone()) {
            IOException failure = cause instanceof IOException io ? io
                    : new IOException("The connection closed during the opening handshake", cause);
            outcome.completeExceptionally(failure);
        }
    }

    private void fail(Connection c, HandshakeFailedException e) {
        LOG.log(System.Logger.Level.DEBUG, () -> "handshake with " + c.remoteAddress() + " failed: " + e.getMessage());
        phase = Phase.DONE;
        outcome.completeExceptionally(e);
        c.abort(null);
    }
}
